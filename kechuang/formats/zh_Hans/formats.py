"""Numbers on Chinese pages group by thousands with a comma, as on English pages (Django's zh_Hans
format has no separator, so 1400 beside the English 1,400); the rest of Django's zh_Hans formats stay."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

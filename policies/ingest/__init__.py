"""Reading Chinese policy documents into clauses, responsible units, money, targets and dates."""

from kechuang.access import AnyUser, is_bureau


def can_view_awards(user: AnyUser) -> bool:
    return is_bureau(user)

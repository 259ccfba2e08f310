"""Het toepassingsniveau: opdrachten, de dienst die laadt, beslist en bewaart, en de opslag."""

"""Reviews after delivery: a buyer rates each delivered product once, the producer answers once,
staff hide a review with a reason (through moderation) and anyone signed in may report one."""

"""Moderation's public interface: views, tasks and the demo call these.

The logic sits in modules named for their job: sanctions (hide, suspend, deactivate and their lifting),
reports (the queue), ocop (ratings waiting for review, expiry reminders), records (the log).
"""
from marketplace.moderation.ocop import (  # noqa: F401
    approve_ocop,
    history_of,
    pending_for,
    reject_ocop,
    remind_expiring_ocop,
    review_queue,
    scan_of,
    submit_ocop,
)
from marketplace.moderation.records import all_in_force, in_force, log, sanction_reason  # noqa: F401
from marketplace.moderation.reports import (  # noqa: F401
    counts,
    get_report,
    queue,
    report_target,
    reports_of,
    resolve,
    submit_report,
    take_into_review,
)
from marketplace.moderation.sanctions import (  # noqa: F401
    ModerationError,
    deactivate_user,
    find_users,
    hide_listing,
    hide_review,
    lift_hide,
    measures_in_force,
    reactivate_user,
    reinstate_producer,
    show_review,
    suspend_producer,
)

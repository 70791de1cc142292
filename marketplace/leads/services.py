"""Export leads' public interface: importers' inquiries, matching runs, producers' leads and quotes,
consortia, and the message threads. Views, the API, tasks and other domains call them through
this module.
"""
from marketplace.leads.errors import (  # noqa: F401
    InquiryError,
    QuoteError,
)
from marketplace.leads.inquiries import (  # noqa: F401
    MATCH_TASK,
    accept_quote,
    clean_inquiry,
    close_inquiry,
    create_inquiry,
    decide_acceptance,
    get_inquiry_for,
    inquiries_of,
    requeue_waiting_inquiries,
    rerun_matching,
)
from marketplace.leads.quotes import (  # noqa: F401
    consortia_of,
    consortium_people,
    decline_lead,
    get_consortium_for,
    get_lead_for,
    leads_of,
    led_consortia_of,
    submit_consortium_quote,
    submit_quote,
)
from marketplace.leads.recipients import (  # noqa: F401
    admins_of,
    association_ids,
    people_of,
)
from marketplace.leads.references import (  # noqa: F401
    chosen as chosen_references,
)
from marketplace.leads.runs import (  # noqa: F401
    run_matching,
)
from marketplace.leads.threads import (  # noqa: F401
    consortium_thread_for,
    in_consortium_thread,
    post_consortium_message,
    post_message,
    thread_for,
)

"""Shipping in Việt Nam: where a parcel goes (zone), what it costs (the fee table by weight band),
and the carriers' tracking links. Reference data lives in ``data/*.json``; staff edit the fees."""

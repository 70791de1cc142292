"""Moderation and trust & safety: staff hide listings, suspend producers and deactivate users with a
reason; anyone signed in reports a listing, a producer or a suspected fake mark; staff work the reports
in a queue; OCOP ratings a producer claims wait for staff review."""

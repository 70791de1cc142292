from flask import Blueprint

from marketplace.extensions import csrf

bp = Blueprint("api", __name__)
csrf.exempt(bp)

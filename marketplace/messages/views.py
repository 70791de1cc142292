"""An order part's message thread: read, write, and its photos."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.core.errors import InvalidInput
from marketplace.core.forms import raw_values, show_error
from marketplace.core.views import send_private
from marketplace.messages import services
from marketplace.messages.forms import MessageForm

bp = Blueprint("messages", __name__)


@bp.route("/orders/parts/<int:part_id>/messages", methods=["GET", "POST"])
@login_required
def thread(part_id):
    form = MessageForm()
    status = 200
    if request.method == "POST":
        photos = [file.read() for file in request.files.getlist("photos") if file and file.filename]
        try:
            services.post_message(current_user, part_id, raw_values(form), photos)
        except InvalidInput as exc:
            show_error(form, exc)
            status = exc.status_code
        else:
            flash(_("Message sent."), "success")
            return redirect(url_for("messages.thread", part_id=part_id, _anchor="latest"), 303)
    thread = services.thread_for(current_user, part_id)
    return render_template("messages/thread.html", thread=thread, part=thread.part, form=form), status


@bp.route("/orders/parts/<int:part_id>/messages/images/<int:image_id>")
@login_required
def image(part_id, image_id):
    return send_private(services.image_for(current_user, part_id, image_id), thumb=request.args.get("size") == "thumb")

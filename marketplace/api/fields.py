"""Field makers for API v1's answer schemas (``api.schemas``): every field an answer always carries
(``required``), with the descriptions the OpenAPI document shows."""
from marshmallow import fields, validate


def _str(**kw):
    return fields.String(required=True, **kw)


def _int(**kw):
    return fields.Integer(required=True, **kw)


def _count(description=None):
    return fields.Integer(required=True, validate=validate.Range(min=0), metadata={"description": description} if description else {})


def _vnd():
    return fields.Integer(required=True, validate=validate.Range(min=0),
                          metadata={"description": "Whole Vietnamese đồng (VND has no minor unit)."})


def _url(description=None, allow_none=False):
    return fields.Url(required=True, allow_none=allow_none, metadata={"description": description} if description else {})


def _enum(values, description=None):
    return fields.String(required=True, validate=validate.OneOf(list(values)),
                         metadata={"description": description} if description else {})


def _nested(schema, allow_none=False, many=False, description=None):
    meta = {"description": description} if description else {}
    if many:
        return fields.List(fields.Nested(schema), required=True, metadata=meta)
    return fields.Nested(schema, required=True, allow_none=allow_none, metadata=meta)


def _iso(form, allow_none=False, metadata=None):
    """A date or date-time the serialiser already wrote in ISO 8601."""
    return fields.String(required=True, allow_none=allow_none, metadata={**(metadata or {}), "format": form})


def _usd():
    return fields.Float(required=True, allow_none=True,
                        metadata={"description": "Indicative US dollars at the configured rate; derived, never stored."})

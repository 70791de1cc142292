"""API v1's OpenAPI 3.1 document, generated (apispec) from what each view declares.

A view declares its operation once with ``@operation(...)``: the response schema (its answer
is dumped through it, so nothing undocumented leaves), the request body schema (the one its
service loads), the query arguments and the error answers. ``document(app)`` walks the
app's ``/api/v1`` routes and builds the document from those declarations; path parameters
come from the route itself. tests/test_openapi.py checks the document against real answers.
"""
from functools import wraps

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import make_response
from werkzeug.routing import IntegerConverter

from marketplace.api import schemas as out
from marketplace.catalog.schemas import SearchArgsSchema
from marketplace.core.numbers import MAX_INT
from marketplace.core.paging import MAX_PAGE
from marketplace.leads.schemas import InquirySchema, QuoteSchema

PREFIX = "/api/v1"
PUBLIC, TOKEN, SIGNED_IN = [], [{"bearerAuth": []}], [{"bearerAuth": []}, {"cookieAuth": []}]
ERRORS = {
    "BadRequest": "An argument is invalid (error.fields names every one at fault), or the path or query string "
                  "holds a NUL character (any operation).",
    "NotFound": "No such public object.",
    "Unauthorized": "No valid bearer token (missing, unknown or revoked).",
    "Forbidden": "This account may not do that (e.g. only importers send inquiries; an account "
                 "must confirm its e-mail address before it sends an inquiry or a quote).",
    "NotYours": "No such object among yours.",
    "TooManyRequests": "Too many writes from this account (`API_WRITE_RATE_LIMIT`, whichever token sends them); "
                       "the `Retry-After` header says in how many seconds to try again.",
}
_CODES = {"BadRequest": "400", "Unauthorized": "401", "Forbidden": "403", "NotFound": "404", "NotYours": "404",
          "TooManyRequests": "429"}
# Query arguments as the search schema declares them; "page" of other lists reads the same rule.
SEARCH_ARGS = tuple(SearchArgsSchema().fields)
SUGGEST_QUERY = {"in": "query", "name": "q", "required": False, "schema": {"type": "string", "maxLength": 200},
                 "description": "What the buyer has typed so far; empty gives no groups; longer than 200 characters is a 400."}
_INPUTS = {"InquiryInput": InquirySchema, "QuoteInput": QuoteSchema}


def operation(operation_id, summary, response=None, status=200, security=PUBLIC, query=(), body=None,
              errors=(), description=None, responses=None, paths=None):
    """Declare a view's operation; a dict it returns is dumped through ``response`` (a Schema class)."""
    meta = {"operationId": operation_id, "summary": summary, "response": response, "status": str(status),
            "security": security, "query": query, "body": body, "errors": errors, "description": description,
            "responses": responses or {}, "paths": paths or {}}

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            result = view(*args, **kwargs)
            value, code = result if isinstance(result, tuple) else (result, None)
            if isinstance(value, dict) and response is not None:
                value = response().dump(value)
                return (value, code) if code is not None else value
            return result

        wrapper.api_operation = meta
        return wrapper

    return decorate


def dumped(schema, value, status):
    """A JSON response of ``value`` dumped through ``schema`` with ``status`` (for answers besides the main one)."""
    return make_response(schema().dump(value), status)


def _path_parameter(rule, name, description):
    is_id = isinstance(rule._converters[name], IntegerConverter)
    schema = {"type": "integer", "minimum": 1, "maximum": MAX_INT} if is_id else {"type": "string"}
    return {"name": name, "in": "path", "required": True, "schema": schema, "description": description}


def _json(name, description, headers=None):
    response = {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}
    if headers:
        response["headers"] = headers
    return response


_CACHED = {
    "Cache-Control": {"description": "public, max-age=60", "schema": {"type": "string"}},
    "ETag": {"description": "A weak validator; send it back as If-None-Match for a 304.", "schema": {"type": "string"}},
}
_PRIVATE = {"Cache-Control": {"description": "private, no-store", "schema": {"type": "string"}}}
_IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"},
                  "description": "An ETag from an earlier answer: 304 without a body while it is current."}


def _shared(meta):
    """Public reads that browsers and shared caches may keep (verification is never cached)."""
    return meta["security"] == PUBLIC and meta["operationId"] != "verifyCode" and meta["response"] is not None


def _cache_headers(meta):
    if _shared(meta):
        return _CACHED
    return _PRIVATE if meta["security"] in (TOKEN, SIGNED_IN) else None


def _operation(rule, meta):
    responses = {}
    if meta["response"] is not None:
        responses[meta["status"]] = _json(meta["response"].__name__, "Created" if meta["status"] == "201" else "OK",
                                          _cache_headers(meta))
    else:
        responses[meta["status"]] = {"description": "OpenAPI 3.1 document",
                                     "content": {"application/json": {"schema": {"type": "object"}}}}
    for code, (schema, description) in meta["responses"].items():
        responses[code] = _json(schema.__name__, description)
    if _shared(meta):
        responses["304"] = {"description": "Not modified: the If-None-Match ETag is still current.", "headers": _CACHED}
    if meta["security"] == TOKEN:
        responses["401"] = {"$ref": "#/components/responses/Unauthorized"}
    elif meta["security"] == SIGNED_IN:
        responses["401"] = _json("Error", "Not signed in: send a bearer token or the session cookie.")
    for error in meta["errors"]:
        responses[_CODES[error]] = {"$ref": f"#/components/responses/{error}"}
    # Any request can be refused before it reaches the view: a NUL character in its path or query.
    responses.setdefault("400", {"$ref": "#/components/responses/BadRequest"})
    parameters = [_path_parameter(rule, name, meta["paths"].get(name, name)) for name in sorted(rule.arguments)]
    parameters += list(meta["query"])  # apispec makes each name a $ref to its component
    if _shared(meta):
        parameters.append(_IF_NONE_MATCH)
    result = {"operationId": meta["operationId"], "summary": meta["summary"], "security": meta["security"],
              "parameters": parameters, "responses": responses}
    if meta["description"]:
        result["description"] = meta["description"]
    if meta["body"]:
        result["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{meta['body']}"}}}}
    return result


def _query_parameter(parameter):
    """A query argument as the views read it: a number or a choice may be sent empty ("per_page="),
    which is the same as leaving it out (an HTML form sends its empty fields so); it is never null
    (``per_page=null`` is a 400 naming it), and a choice's default is the absence of one."""
    schema = parameter["schema"]
    types = schema.get("type")
    if isinstance(types, list):
        schema["type"] = next(t for t in types if t != "null")
    if schema.get("default") is None or ("enum" in schema and schema["default"] not in schema["enum"]):
        schema.pop("default", None)
    if schema["type"] != "string" or "enum" in schema:
        parameter["allowEmptyValue"] = True
        parameter["description"] = f"{parameter.get('description', '')} Empty is the same as leaving it out.".strip()
    return parameter


def page_size(default, maximum):
    """The ``per_page`` query parameter of a list whose page holds ``default`` items unless asked (1 to ``maximum``)."""
    return _query_parameter({"in": "query", "name": "per_page", "required": False, "description": "Items per page.",
                             "schema": {"type": "integer", "minimum": 1, "maximum": maximum, "default": default}})


def _described(schema):
    doc = (schema.__doc__ or "").strip()
    return {"description": doc.splitlines()[0]} if doc else {}


def _tidy(node):
    """apispec's 3.1 output, in the few words our readers (and tests) expect: a nullable $ref is a
    ``oneOf`` (object or null: exactly one holds) and an absolute URL has format ``uri``."""
    if isinstance(node, dict):
        if "anyOf" in node:
            node["oneOf"] = node.pop("anyOf")
        if node.get("format") == "url":
            node["format"] = "uri"
        for value in node.values():
            _tidy(value)
    elif isinstance(node, list):
        for value in node:
            _tidy(value)
    return node


def document(app):
    """The OpenAPI document of the app's /api/v1 routes, built from their ``@operation`` declarations."""
    plugin = MarshmallowPlugin(schema_name_resolver=lambda schema: None)
    spec = APISpec(
        title="Làng Nghề Market API", version="1.0.0", openapi_version="3.1.0", plugins=[plugin],
        info={"description": (
            "Products of Hanoi's craft villages, the villages, their collective trademarks and public "
            "verification of trademark codes. Prices are integer VND. Errors have the `Error` shape, with "
            "every invalid field named in `error.fields`. Public reads may be cached for 60 seconds and carry a weak ETag (304 on If-None-Match); answers for a signed-in user or a token are `private, no-store`. A buyer "
            "reads its own orders when signed in. Inquiries (importers) and leads and quotes (producers) "
            "authenticate with `bearerAuth`: create a token on your dashboard's API tokens page.")},
        servers=[{"url": PREFIX}],
    )
    for name, schema in vars(out).items():  # in declaration order, so a nested schema is a $ref to its component
        if isinstance(schema, type) and issubclass(schema, out.Schema) and schema.__module__ == out.__name__ \
                and not name.startswith("_"):
            spec.components.schema(name, component=_described(schema), schema=schema)
    for name, schema in _INPUTS.items():
        spec.components.schema(name, component=_described(schema), schema=schema)
    spec.components.schema("Reason", out.REASON)
    for name in SEARCH_ARGS:
        parameter = plugin.converter._field2parameter(SearchArgsSchema().fields[name], name=name, location="query")
        if name == "page":
            parameter["schema"].update(maximum=MAX_PAGE)
        spec.components.parameter(name, "query", _query_parameter(parameter))
    for name, description in ERRORS.items():
        spec.components.response(name, _json("Error", description))
    spec.components.security_scheme("cookieAuth", {"type": "apiKey", "in": "cookie", "name": "session",
                                                   "description": "The session cookie of a signed-in browser."})
    spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer",
                                                   "description": "An importer's API token, sent as `Authorization: Bearer <token>`."})
    paths = {}
    for rule in app.url_map.iter_rules():
        meta = getattr(app.view_functions.get(rule.endpoint), "api_operation", None)
        if meta is None or not rule.rule.startswith(PREFIX + "/"):
            continue
        path = rule.rule[len(PREFIX):]
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", f"{{{name}}}").replace(f"<{name}>", f"{{{name}}}")
        method = next(iter(rule.methods - {"HEAD", "OPTIONS"})).lower()
        paths.setdefault(path, {})[method] = _operation(rule, meta)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return _tidy(spec.to_dict())

from .context import origin_ip


class AuditContextMiddleware:
    """Remembers the client address of the current request for the audit entries it causes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = origin_ip.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            origin_ip.reset(token)

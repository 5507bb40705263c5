import logging


class NoTracebackForClientErrors(logging.Filter):
    """A refused page (403) or a missing one (404) is logged as one line, not with a traceback: it is the
    application doing its job, and tracebacks would bury the real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True

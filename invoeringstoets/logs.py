import json
import logging
from datetime import UTC, datetime


class NoTracebackForClientErrors(logging.Filter):
    """A refused page (403) or a missing one (404) is logged as one line, not with a traceback: it is the
    application doing its job, and tracebacks would bury the real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "tijd": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds"),
            "niveau": record.levelname,
            "gebeurtenis": record.getMessage(),
            **getattr(record, "velden", {}),
        }
        return json.dumps(entry, ensure_ascii=False)

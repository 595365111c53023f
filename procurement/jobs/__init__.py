"""What the worker makes for the procurement, one module per area: receipts, reports and letters, each made
once with ``common.files.make_once``. A leaf: jobs import models, common, audit and read-only queries,
never services or tasks."""

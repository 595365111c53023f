"""The verbs of the procurement: each takes ``actor=`` and writes its audit entry in its transaction."""

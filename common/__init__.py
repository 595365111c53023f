"""Small helpers without models that every layer may use: PDF rendering, upload checks, time."""

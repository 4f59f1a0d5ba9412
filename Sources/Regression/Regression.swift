// Regression: see the issue that owns this module; files are added as the module grows.

"""Adapters to other libraries (imported on demand: `codreamer_env.integrations.trl`)."""

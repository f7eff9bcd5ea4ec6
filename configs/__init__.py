# Makes the Hydra config tree importable as `experiments.configs` (pyproject.toml maps it there), so the entry
# points find it with config_path="pkg://experiments.configs", installed from a wheel or editable.

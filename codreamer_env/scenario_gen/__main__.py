"""`python -m codreamer_env.scenario_gen --out data/scenarios`: write every scenario set and MANIFEST.json."""

from codreamer_env.scenario_gen.build import main

main()

"""codreamer_env.integrations.trl: the environment_factory class and the group reward function, with real TRL."""

import os

import pytest

import codreamer_env as ce
from agents.scripted import OracleAgent
from codreamer_env.integrations.trl import (
    SalesEmailToolEnv,
    group_reward_func,
    prepare_tokenizer,
    tool_env_dataset,
)

SID = "default-v2/train/0003"


def _drive(env: SalesEmailToolEnv, good: bool) -> None:
    brief = env.reset(scenario_id=SID)
    assert "Prospect:" in brief and "Goal of the email" in brief
    out = env.get_relevant_context("Customer Job", k=6)
    assert "cite these node ids" in out
    assert "Unknown node id" in env.get_connected_nodes("No Such Node")  # recoverable error, no exception
    sc = ce.get_scenario(SID)
    if good:
        # The oracle's email, through the adapter's typed tool method.
        for n in sc.gold_nodes:
            env.get_relevant_context(n, k=1, radius=1)
        info = {"messages": env._env._info()["messages"], "scenario_id": SID, "max_turns": 99}
        import json

        action = OracleAgent().act("", info)
        args = json.loads(action.split("<tool_call>")[1].split("</tool_call>")[0])["arguments"]
        env.finalize_email(**args)
    else:
        env.finalize_email("Hi", "Hello there, we sell software. Thanks.", ["Customer Job"])


def test_adapter_tools_reward_and_group_reward():
    envs = [SalesEmailToolEnv.configured(max_turns=12)() for _ in range(4)]
    for k, e in enumerate(envs):
        _drive(e, good=k % 2 == 0)
    rewards = [e.get_reward() for e in envs]
    assert rewards[0] > 0.8 and rewards[1] < 0.3 and rewards[0] == rewards[2]
    assert envs[0].finalize_email("again", "b", []).startswith("The email was already finalized")
    seen = []

    class Recording(ce.RubricJudge):
        def score_group(self, scenario, trajectories):
            seen.append((scenario.id, len(trajectories)))
            return super().score_group(scenario, trajectories)

    f = group_reward_func(Recording())
    scores = f(prompts=[None] * 4, completions=[None] * 4, environments=envs)
    assert seen == [(SID, 4)] and scores == pytest.approx(rewards)
    with pytest.raises(ValueError, match="environment_factory"):
        f(prompts=[], completions=[])


def test_unfinished_episode_gets_the_no_email_score():
    env = SalesEmailToolEnv()
    env.reset(scenario_id=SID)
    env.get_connected_nodes("Customer Job")
    assert env.get_reward() == 0.0 and env.trajectory.final_email is None


def test_trl_offers_exactly_the_kg_tools():
    """TRL's environment_factory offers every public function of the class as a tool (besides reset and
    get_reward): only the three KG tools may be public functions."""
    import inspect

    offered = {n for n, _ in inspect.getmembers(SalesEmailToolEnv, predicate=inspect.isfunction)
               if not n.startswith("_") and n not in ("reset", "get_reward")}
    assert offered == {"get_connected_nodes", "get_relevant_context", "finalize_email"}


def test_dataset_rows_feed_reset():
    ds = tool_env_dataset("val")
    row = ds[0]
    assert row["prompt"][-1]["content"].startswith("Research the prospect") and row["scenario_id"].startswith("default-v2/val/")
    env = SalesEmailToolEnv.configured(split="val")()
    assert ce.get_scenario(row["scenario_id"]).prospect.name in env.reset(**row)


@pytest.mark.slow
def test_one_grpo_step_with_environment_factory(tiny_model_dir, tmp_path):
    os.environ["TRL_EXPERIMENTAL_SILENCE"] = "1"
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    # SmolLM2's own tokenizer and template, made tool-capable by the library (no template swap here).
    tok = prepare_tokenizer(AutoTokenizer.from_pretrained(tiny_model_dir))
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    args = GRPOConfig(output_dir=str(tmp_path), per_device_train_batch_size=4, num_generations=2,
                      max_completion_length=16, max_steps=1, learning_rate=1e-5, bf16=False, report_to=[],
                      logging_steps=1, save_strategy="no", use_cpu=True, max_tool_calling_iterations=2)
    trainer = GRPOTrainer(model=model, args=args, train_dataset=tool_env_dataset("train").select(range(4)),
                          processing_class=tok, environment_factory=SalesEmailToolEnv,
                          reward_funcs=[group_reward_func(ce.RubricJudge())])
    trainer.train()
    assert trainer.state.global_step == 1
    logged = trainer.state.log_history[0]
    assert "rewards/rubric_group_reward/mean" in logged and "rewards/SalesEmailToolEnv/mean" in logged

"""Multi-turn GRPO rollouts (agents/grpo.py) with real TRL on a tiny model built from a config."""

import os
from types import SimpleNamespace

import pytest

import codreamer_env as ce
from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func, generated_tokens
from agents.llm import to_text_messages


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    tok.padding_side = "left"
    return AutoModelForCausalLM.from_pretrained(tiny_model_dir), tok


def test_rollout_masks_every_env_token_and_keeps_the_models(tiny):
    model, tok = tiny
    prompts = [r["prompt"] for r in ce.scenario_dataset("train").select(range(2))]
    prompts = [prompts[0], prompts[0], prompts[1], prompts[1]]  # two groups of two, as TRL's sampler gives them
    roll = MultiTurnRollout(RolloutConfig(max_turns=3, max_tokens_per_turn=12))
    out = roll(prompts, SimpleNamespace(processing_class=tok, model=model))
    assert {"prompt_ids", "completion_ids", "logprobs", "env_mask", "env_reward"} <= set(out)
    envs = roll.envs.envs[:4]
    for i, env in enumerate(envs):
        ids, mask, lps = out["completion_ids"][i], out["env_mask"][i], out["logprobs"][i]
        assert len(ids) == len(mask) == len(lps)
        model_text = tok.decode([t for t, m in zip(ids, mask, strict=True) if m == 1], skip_special_tokens=True)
        env_text = tok.decode([t for t, m in zip(ids, mask, strict=True) if m == 0], skip_special_tokens=True)
        traj = env.trajectory
        # Every tool result / env message the agent was shown is in the masked-out part, none in the trained part.
        shown = [m["content"] for m in traj.messages[2:] if m["role"] in ("tool", "user")][: len(traj.turns) - 1]
        for content in shown:
            assert content.strip()[:60] in env_text and content.strip()[:60] not in model_text
        # Token for token, the context is the chat-template rendering LLMAgent and SFT use for this episode.
        full = tok.decode(out["prompt_ids"][i] + ids)
        text_msgs = to_text_messages(traj.messages)
        last = max(k for k, m in enumerate(text_msgs) if m["role"] == "assistant")  # the env's closing note aside
        rendered = tok.apply_chat_template(text_msgs[: last + 1], tokenize=False)
        close, _ = MultiTurnRollout.turn_templates(tok)
        assert rendered == full + close or rendered == full + close[len(tok.eos_token):]
        # The trained part is exactly what the model said (the env saw the same text as its actions).
        said = "".join(t.action for t in traj.turns)
        assert model_text == said
        assert all(lp <= 0.0 for lp, m in zip(lps, mask, strict=True) if m == 1)
        assert all(lp == 0.0 for lp, m in zip(lps, mask, strict=True) if m == 0)
    # Groups are scored together by the env's reward model; a truncated episode scores "no email".
    assert out["env_reward"] == [0.0] * 4 and roll.last_stats["episode/turns"] == 3.0


def test_generated_cut_ignores_padding_and_keeps_the_stop_string(tiny):
    _, tok = tiny
    call = tok('<tool_call>{"name": "x"}</tool_call>', add_special_tokens=False)["input_ids"]
    eos = tok.eos_token_id
    toks, lps = generated_tokens(tok, call + [eos, eos, eos], [-0.5] * (len(call) + 3), eos)
    assert toks == call and len(lps) == len(call)
    toks, _ = generated_tokens(tok, [5, 6, eos, eos], [-1.0] * 4, eos)
    assert toks == [5, 6, eos]  # a natural end of turn is the model's own token


def test_two_grpo_steps_and_resume_from_checkpoint(tiny_model_dir, tmp_path):
    os.environ["TRL_EXPERIMENTAL_SILENCE"] = "1"
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    seen = []

    def trainer(max_steps, out):
        roll = MultiTurnRollout(RolloutConfig(max_turns=2, max_tokens_per_turn=16))
        play = roll._play

        def spy(prompts, tok, model):  # the state the policy samples in
            seen.append((model.training, model.is_gradient_checkpointing))
            return play(prompts, tok, model)

        roll._play = spy
        tok = AutoTokenizer.from_pretrained(tiny_model_dir)
        tok.padding_side = "left"
        args = GRPOConfig(output_dir=str(out), per_device_train_batch_size=4, num_generations=2, max_steps=max_steps,
                          max_completion_length=128, learning_rate=1e-4, bf16=False, report_to=[], logging_steps=1,
                          save_strategy="steps", save_steps=2, use_cpu=True, seed=0)
        return GRPOTrainer(model=AutoModelForCausalLM.from_pretrained(tiny_model_dir), args=args,
                           processing_class=tok, train_dataset=ce.scenario_dataset("train").select(range(8)),
                           reward_funcs=[env_reward_func],
                           rollout_func=roll)

    t = trainer(2, tmp_path)
    assert t.args.gradient_checkpointing  # TRL's default: on, which would switch generate's KV cache off
    t.train()
    assert t.state.global_step == 2
    # Sampling ran in eval mode without gradient checkpointing (KV cache on); training resumed with both.
    assert seen and set(seen) == {(False, False)}
    assert t.model.is_gradient_checkpointing
    logs = [h for h in t.state.log_history if "loss" in h]
    assert len(logs) == 2 and "episode/turns" in logs[0] and "rewards/env_reward_func/mean" in logs[0]
    ckpt = tmp_path / "checkpoint-2"
    assert ckpt.exists()
    t2 = trainer(3, tmp_path)
    t2.train(resume_from_checkpoint=str(ckpt))
    assert t2.state.global_step == 3

#!/usr/bin/env bash
# FTRL's recipe on verl against a ToolRL environment: single-step GRPO on step records (n=16 samples per prompt),
# each sampled turn scored by the server's /v1/score (the paper's step reward) through custom_reward_function.
# Run from a verl checkout on the GPU node, with `serve` already running next to it (see the README, "Train at scale").
# Usage: TOOLRL=/path/to/ToolRL.Sdk DATA=/path/to/dataset bash run_single_step.sh [more Hydra overrides]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

python3 -m verl.trainer.main_ppo "${VERL_COMMON_ARGS[@]}" \
    data.max_response_length=1024 \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.rollout.n=16 \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=8 \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=8 \
    actor_rollout_ref.rollout.agent.agent_loop_config_path="$GLUE/agent_loop_single_step.yaml" \
    custom_reward_function.path="$GLUE/toolrl_reward.py" \
    custom_reward_function.name=compute_score \
    +custom_reward_function.reward_kwargs.server_url="$TOOLRL_SERVER_URL" \
    trainer.experiment_name=ftrl-single-step "$@"

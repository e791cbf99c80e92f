#!/usr/bin/env bash
# Online multi-turn GRPO on verl against a ToolRL environment: agent loop `toolrl_agent` (toolrl_agent_loop.py),
# one ORS session per trajectory, one POST /{env}/turn per assistant turn; the trajectory's reward (mean step
# reward) is set by the loop, so verl skips its reward stage.
# Run from a verl checkout on the GPU node, with `serve` already running next to it (see the README, "Train at scale").
# Usage: TOOLRL=/path/to/ToolRL.Sdk DATA=/path/to/dataset bash run_multi_turn.sh [more Hydra overrides]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

python3 -m verl.trainer.main_ppo "${VERL_COMMON_ARGS[@]}" \
    data.max_response_length=4096 \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=2 \
    actor_rollout_ref.rollout.n=8 \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.rollout.multi_turn.max_assistant_turns=${MAX_TURNS:-8} \
    actor_rollout_ref.rollout.agent.agent_loop_config_path="$GLUE/agent_loop.yaml" \
    trainer.experiment_name=toolrl-multi-turn "$@"

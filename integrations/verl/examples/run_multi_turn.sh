#!/usr/bin/env bash
# Online multi-turn GRPO on verl against a ToolRL environment: agent loop `toolrl_agent` (toolrl_agent_loop.py),
# one ORS session per trajectory, one POST /{env}/turn per assistant turn; the trajectory's reward (mean step
# reward) is set by the loop, so verl skips its reward stage.
# Run from a verl checkout on the GPU node, with `serve` already running next to it (see the README, "Train at scale").
# Usage: TOOLRL=/path/to/ToolRL.Sdk DATA=/path/to/dataset bash run_multi_turn.sh [more Hydra overrides]
set -euo pipefail
TOOLRL=${TOOLRL:?set TOOLRL to the ToolRL.Sdk checkout}
DATA=${DATA:?set DATA to the folder written by "dotnet run -- export -o DIR"}
GLUE="$TOOLRL/integrations/verl"
export TOOLRL_SERVER_URL=${TOOLRL_SERVER_URL:-http://127.0.0.1:8765}
export PYTHONPATH="$GLUE${PYTHONPATH:+:$PYTHONPATH}"

python3 -m verl.trainer.main_ppo \
    algorithm.adv_estimator=grpo \
    data.train_files="$DATA/train.parquet" \
    data.val_files="$DATA/test.parquet" \
    data.train_batch_size=64 \
    data.max_prompt_length=4096 \
    data.max_response_length=4096 \
    data.filter_overlong_prompts=True \
    data.truncation=error \
    actor_rollout_ref.model.path=${MODEL:-Qwen/Qwen2.5-7B-Instruct} \
    actor_rollout_ref.actor.optim.lr=1e-6 \
    actor_rollout_ref.actor.ppo_mini_batch_size=32 \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=2 \
    actor_rollout_ref.actor.use_kl_loss=True \
    actor_rollout_ref.actor.kl_loss_coef=0.001 \
    actor_rollout_ref.rollout.name=vllm \
    actor_rollout_ref.rollout.mode=async \
    actor_rollout_ref.rollout.n=8 \
    actor_rollout_ref.rollout.tensor_model_parallel_size=2 \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.rollout.multi_turn.max_assistant_turns=${MAX_TURNS:-8} \
    actor_rollout_ref.rollout.agent.agent_loop_config_path="$GLUE/agent_loop.yaml" \
    algorithm.use_kl_in_reward=False \
    trainer.n_gpus_per_node=${GPUS:-8} \
    trainer.nnodes=1 \
    trainer.project_name=toolrl \
    trainer.experiment_name=toolrl-multi-turn \
    trainer.logger='["console"]' \
    trainer.total_epochs=1 "$@"

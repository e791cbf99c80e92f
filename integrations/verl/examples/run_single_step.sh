#!/usr/bin/env bash
# FTRL's recipe on verl against a ToolRL environment: single-step GRPO on step records (n=16 samples per prompt),
# each sampled turn scored by the server's /v1/score (the paper's step reward) through custom_reward_function.
# Run from a verl checkout on the GPU node, with `serve` already running next to it (see the README, "Train at scale").
# Usage: TOOLRL=/path/to/ToolRL.Sdk DATA=/path/to/dataset bash run_single_step.sh [more Hydra overrides]
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
    data.max_response_length=1024 \
    data.filter_overlong_prompts=True \
    data.truncation=error \
    actor_rollout_ref.model.path=${MODEL:-Qwen/Qwen2.5-7B-Instruct} \
    actor_rollout_ref.actor.optim.lr=1e-6 \
    actor_rollout_ref.actor.ppo_mini_batch_size=32 \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=4 \
    actor_rollout_ref.actor.use_kl_loss=True \
    actor_rollout_ref.actor.kl_loss_coef=0.001 \
    actor_rollout_ref.rollout.name=vllm \
    actor_rollout_ref.rollout.mode=async \
    actor_rollout_ref.rollout.n=16 \
    actor_rollout_ref.rollout.tensor_model_parallel_size=2 \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=8 \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=8 \
    actor_rollout_ref.rollout.agent.agent_loop_config_path="$GLUE/agent_loop_single_step.yaml" \
    custom_reward_function.path="$GLUE/toolrl_reward.py" \
    custom_reward_function.name=compute_score \
    +custom_reward_function.reward_kwargs.server_url="$TOOLRL_SERVER_URL" \
    algorithm.use_kl_in_reward=False \
    trainer.n_gpus_per_node=${GPUS:-8} \
    trainer.nnodes=1 \
    trainer.project_name=toolrl \
    trainer.experiment_name=ftrl-single-step \
    trainer.logger='["console"]' \
    trainer.total_epochs=1 "$@"

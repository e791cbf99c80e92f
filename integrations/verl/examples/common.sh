# Sourced by run_single_step.sh and run_multi_turn.sh: the environment both need and the verl (Hydra) settings they
# share, so that a change to the model, the optimizer or the cluster size is made once. Each script adds its own keys.
TOOLRL=${TOOLRL:?set TOOLRL to the ToolRL.Sdk checkout}
DATA=${DATA:?set DATA to the folder written by "dotnet run -- export -o DIR"}
GLUE="$TOOLRL/integrations/verl"
export TOOLRL_SERVER_URL=${TOOLRL_SERVER_URL:-http://127.0.0.1:8765}
export PYTHONPATH="$GLUE${PYTHONPATH:+:$PYTHONPATH}"

VERL_COMMON_ARGS=(
    algorithm.adv_estimator=grpo
    algorithm.use_kl_in_reward=False
    data.train_files="$DATA/train.parquet"
    data.val_files="$DATA/test.parquet"
    data.train_batch_size=64
    data.max_prompt_length=4096
    data.filter_overlong_prompts=True
    data.truncation=error
    actor_rollout_ref.model.path="${MODEL:-Qwen/Qwen2.5-7B-Instruct}"
    actor_rollout_ref.actor.optim.lr=1e-6
    actor_rollout_ref.actor.ppo_mini_batch_size=32
    actor_rollout_ref.actor.use_kl_loss=True
    actor_rollout_ref.actor.kl_loss_coef=0.001
    actor_rollout_ref.rollout.name=vllm
    actor_rollout_ref.rollout.mode=async
    actor_rollout_ref.rollout.tensor_model_parallel_size=2
    trainer.n_gpus_per_node="${GPUS:-8}"
    trainer.nnodes=1
    trainer.project_name=toolrl
    trainer.logger='["console"]'
    trainer.total_epochs=1
)

# ---------------------------------------------------------------------------------------------
# Provider
# ---------------------------------------------------------------------------------------------

variable "aws_region" {
  description = "AWS region for every resource here; it must be the EKS cluster's region. Null uses the provider's usual lookup (AWS_REGION, profile)."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags applied to every taggable resource (provider default_tags)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------

variable "function_name" {
  description = "Name of the Lambda function; also names its log group (/aws/lambda/<name>), IAM roles and schedule."
  type        = string
  default     = "shardscaler"

  validation {
    # 64 is Lambda's limit; IAM role names (64) get a suffix of up to 10 characters.
    condition     = can(regex("^[A-Za-z0-9_-]{1,54}$", var.function_name))
    error_message = "function_name must be 1-54 characters of letters, digits, '-' or '_'."
  }
}

variable "lambda_runtime" {
  description = "Lambda runtime: java25, the Java the aws-adapter jar is compiled for (an older runtime cannot load its classes). Needs the AWS provider >= 6.20: 5.x rejects java25 at plan time."
  type        = string
  # A variable rather than a literal in main.tf: `terraform validate` then leaves the value to
  # plan time, so the module still validates offline against the 5.100 provider mirror, which
  # predates java25 and would refuse the literal.
  default = "java25"
}

variable "handler" {
  description = "Lambda handler (class::method) in the aws-adapter jar."
  type        = string
  default     = "dev.shardscaler.aws.ScalerHandler::handleRequest"

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$.]*(::[A-Za-z_$][A-Za-z0-9_$]*)?$", var.handler))
    error_message = "handler must look like a Java class name, optionally followed by ::method."
  }
}

variable "lambda_jar_path" {
  description = "Path of the built Lambda jar, relative to the directory Terraform runs in (infra/aws, also with -chdir) or absolute. Build it with ./mvnw -B -pl aws-adapter -am package -DskipTests."
  type        = string
  default     = "../../aws-adapter/target/aws-adapter-lambda.jar"

  validation {
    condition     = can(regex("\\.(jar|zip)$", var.lambda_jar_path))
    error_message = "lambda_jar_path must point at a .jar or .zip file."
  }
}

variable "architecture" {
  description = "Instruction set of the function: arm64 (cheaper per GB-second) or x86_64. The jar is pure Java, so either works."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be \"arm64\" or \"x86_64\"."
  }
}

variable "memory_size" {
  description = "Memory of the function in MB (CPU scales with it)."
  type        = number
  default     = 512

  validation {
    condition     = var.memory_size >= 128 && var.memory_size <= 10240 && floor(var.memory_size) == var.memory_size
    error_message = "memory_size must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout" {
  description = "Function timeout in seconds. A pass is a Discord call plus a couple of Kubernetes calls; 120 s leaves room for a conflict re-read and slow networks."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout >= 1 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds between 1 and 900."
  }
}

variable "reserved_concurrent_executions" {
  description = "Reserved concurrency. 1 (default) keeps two passes from ever running at once: a scaler must never race itself on the same StatefulSet. -1 means unreserved: only for new accounts whose concurrency quota is 10, where reserving any fails (then the resourceVersion precondition of the patch is the only guard)."
  type        = number
  default     = 1

  validation {
    condition     = var.reserved_concurrent_executions >= -1 && floor(var.reserved_concurrent_executions) == var.reserved_concurrent_executions
    error_message = "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0. Note 0 disables the function."
  }
}

variable "log_retention_in_days" {
  description = "Retention of the function's CloudWatch log group, in days (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be one of CloudWatch's values: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "extra_environment" {
  description = "More environment variables for the function (e.g. DISCORD_API_BASE_URL or scaler tuning keys). No secrets: the keys this module sets itself, and any key that looks like a secret (TOKEN, SECRET, PASSWORD, WEBHOOK, ...), are refused. Keep the bot token in Secrets Manager; on AWS there is no override token, IAM decides who may invoke. Marked sensitive, so plans do not print it. Lambda caps all variables together at 4 KB; the cluster CA already takes about 1.5 KB."
  type        = map(string)
  default     = {}
  sensitive   = true

  validation {
    condition = length(setintersection(keys(var.extra_environment), [
      "K8S_NAMESPACE", "K8S_STATEFULSET", "K8S_CONTAINER", "K8S_SHARDS_PER_BOT", "K8S_SCALEUP", "K8S_SCALEDOWN",
      "SCALER_MAX_SHARDS", "SCALER_SHARDS_ENV", "SCALER_SHARDS_PER_BOT_ENV", "SCALER_STRATEGY",
      "EKS_CLUSTER_NAME", "EKS_CLUSTER_ENDPOINT", "EKS_CLUSTER_CA", "BOT_TOKEN_SECRET_ID", "K8S_API_URL", "KUBECONFIG",
      "SCALER_TARGETS", "SCALER_TARGETS_FILE", "SCALER_NOTIFY_STATE_NAMESPACE",
    ])) == 0
    error_message = "extra_environment must not set K8S_NAMESPACE, K8S_STATEFULSET, K8S_CONTAINER, K8S_SHARDS_PER_BOT, K8S_SCALEUP, K8S_SCALEDOWN, SCALER_MAX_SHARDS, SCALER_SHARDS_ENV, SCALER_SHARDS_PER_BOT_ENV, SCALER_STRATEGY (use scaler_strategy), EKS_CLUSTER_*, BOT_TOKEN_SECRET_ID (use this module's variables), K8S_API_URL or KUBECONFIG (the function reaches EKS with its own role), SCALER_TARGETS(_FILE) (use targets) or SCALER_NOTIFY_STATE_NAMESPACE (use notification_namespace)."
  }

  # Environment variables are readable in the state, in plans and by anyone allowed
  # lambda:GetFunctionConfiguration: a secret never belongs here.
  validation {
    condition     = alltrue([for k in keys(var.extra_environment) : !can(regex("(?i)(TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|CREDENTIAL|PRIVATE_KEY|API_KEY)", k))])
    error_message = "extra_environment must not hold secrets: keys containing TOKEN, SECRET, PASSWORD, PASSWD, WEBHOOK, CREDENTIAL, PRIVATE_KEY or API_KEY (e.g. BOT_TOKEN, SCALER_HTTP_TOKEN) are refused. The bot token comes from Secrets Manager (bot_token_secret_arn); on AWS, overrides are authorized by IAM (lambda:InvokeFunction / lambda:InvokeFunctionUrl on the live alias), not by a token."
  }

  validation {
    condition     = alltrue([for k in keys(var.extra_environment) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", k)) && !startswith(k, "AWS_")])
    error_message = "extra_environment keys must be letters, digits and '_', start with a letter, and not start with AWS_ (reserved by Lambda)."
  }
}

# ---------------------------------------------------------------------------------------------
# The cluster and the bot
# ---------------------------------------------------------------------------------------------

variable "eks_cluster_name" {
  description = "Name of the EKS cluster that runs the bot."
  type        = string

  validation {
    condition     = can(regex("^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", var.eks_cluster_name))
    error_message = "eks_cluster_name must be a valid EKS cluster name (1-100 characters: letters, digits, '-', '_', starting with a letter or digit)."
  }
}

variable "cluster_endpoint_in_environment" {
  description = "Pass the cluster's endpoint and CA to the function as env (EKS_CLUSTER_ENDPOINT, EKS_CLUSTER_CA, read at plan time), so its role needs no eks:DescribeCluster. false leaves only EKS_CLUSTER_NAME (the CA takes ~1.5 KB of Lambda's 4 KB env) and grants DescribeCluster on this one cluster."
  type        = bool
  default     = true
}

variable "kubernetes_namespace" {
  description = "Namespace of the bot StatefulSet (K8S_NAMESPACE); the Role and RoleBinding live here."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.kubernetes_namespace))
    error_message = "kubernetes_namespace must be a DNS label: lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit."
  }
}

variable "statefulset_name" {
  description = "One bot: the name of its StatefulSet (K8S_STATEFULSET); the Role grants get/patch on this name only. Null when targets names several bots."
  type        = string
  default     = null

  validation {
    condition     = var.statefulset_name == null || can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.statefulset_name))
    error_message = "statefulset_name must be a DNS label: lowercase letters, digits and '-', 1-63 characters, starting and ending with a letter or digit."
  }
}

variable "container_name" {
  description = "Name of the bot container in the StatefulSet's pod template whose env the scaler writes (K8S_CONTAINER)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.container_name))
    error_message = "container_name must be a DNS label: lowercase letters, digits and '-', 1-63 characters."
  }
}

variable "shards_per_bot" {
  description = "Shards each bot pod runs (K8S_SHARDS_PER_BOT); replicas = ceil(shards / shards_per_bot)."
  type        = number
  default     = 1

  validation {
    condition     = var.shards_per_bot >= 1 && floor(var.shards_per_bot) == var.shards_per_bot
    error_message = "shards_per_bot must be a whole number >= 1."
  }
}

variable "max_shards" {
  description = "Required shard cap (SCALER_MAX_SHARDS): the scaler never plans more, and the admission policy refuses a SHARDS value or replica count above it."
  type        = number

  validation {
    condition     = var.max_shards >= 1 && var.max_shards <= 100000 && floor(var.max_shards) == var.max_shards
    error_message = "max_shards must be a whole number from 1 to 100000."
  }
}

variable "shards_env_name" {
  description = "Env var of the bot container that the scaler writes the shard total into (SCALER_SHARDS_ENV), e.g. SHARD_COUNT for discord.js."
  type        = string
  default     = "SHARDS"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.shards_env_name))
    error_message = "shards_env_name must be an environment variable name: letters, digits and '_', not starting with a digit."
  }
}

variable "shards_per_bot_env_name" {
  description = "Env var of the bot container that the scaler writes the shards per pod into (SCALER_SHARDS_PER_BOT_ENV)."
  type        = string
  default     = "SHARDS_PER_BOT"

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.shards_per_bot_env_name))
    error_message = "shards_per_bot_env_name must be an environment variable name: letters, digits and '_', not starting with a digit."
  }
}

variable "scale_up" {
  description = "Allow the scaler to add shards (K8S_SCALEUP=1)."
  type        = bool
  default     = true
}

variable "scale_down" {
  description = "Allow the scaler to remove shards (K8S_SCALEDOWN=1). Off by default: every reshard restarts every shard and spends session starts."
  type        = bool
  default     = false
}

variable "kubernetes_group" {
  description = "Kubernetes group the EKS access entry puts the Lambda role in; the RoleBinding binds the Role to it and the admission policy confines its writes. Give it to the scaler alone."
  type        = string
  default     = "shardscaler"

  validation {
    condition     = length(var.kubernetes_group) > 0 && !startswith(var.kubernetes_group, "system:") && !strcontains(var.kubernetes_group, ",")
    error_message = "kubernetes_group must be non-empty, contain no ',' and not start with \"system:\" (EKS rejects those in access entries)."
  }
}

variable "rbac_role_name" {
  description = "Name of the namespaced Role and RoleBinding in the rendered RBAC manifest."
  type        = string
  default     = "shardscaler"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.rbac_role_name))
    error_message = "rbac_role_name must be a DNS subdomain name (lowercase letters, digits, '-' and '.')."
  }
}

variable "bot_token_secret_arn" {
  default     = null
  description = "One bot: the full ARN (with its random 6-character suffix) of the Secrets Manager secret holding the Discord bot token. The function may read this one secret only. Get it with: aws secretsmanager describe-secret --secret-id discord-bot-token --query ARN --output text"
  type        = string

  validation {
    condition     = var.bot_token_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", var.bot_token_secret_arn))
    error_message = "bot_token_secret_arn must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>)."
  }
}

variable "bot_token_kms_key_arn" {
  description = "Only if the secret is encrypted with a customer managed KMS key: that key's ARN. The function then gets kms:Decrypt on that key, and only through Secrets Manager. Leave null for the default aws/secretsmanager key."
  type        = string
  default     = null

  validation {
    condition     = var.bot_token_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.bot_token_kms_key_arn))
    error_message = "bot_token_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

# ---------------------------------------------------------------------------------------------
# Network (optional)
# ---------------------------------------------------------------------------------------------

variable "subnet_ids" {
  description = "Private subnets for the function. Empty = no VPC (the function reaches the public EKS endpoint, Secrets Manager and Discord over Lambda's shared egress). Set it for a private cluster endpoint or a dedicated NAT egress IP; the subnets then need a NAT gateway route (Discord) and a route or VPC endpoint to Secrets Manager."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups for the function when subnet_ids is set. The cluster security group must allow 443 from one of them."
  type        = list(string)
  default     = []
}

# ---------------------------------------------------------------------------------------------
# Triggers
# ---------------------------------------------------------------------------------------------

variable "schedule_enabled" {
  description = "Whether the EventBridge Scheduler schedule is ENABLED (true) or DISABLED (false)."
  type        = bool
  default     = true
}

variable "schedule_expression" {
  description = "EventBridge Scheduler expression: rate(...), cron(...) or at(...). Poll Discord sparingly: minutes, not seconds."
  type        = string
  default     = "rate(10 minutes)"

  validation {
    condition     = can(regex("^(rate|cron|at)\\(.+\\)$", var.schedule_expression))
    error_message = "schedule_expression must be rate(...), cron(...) or at(...)."
  }
}

variable "schedule_timezone" {
  description = "Time zone for cron(...) schedule expressions (IANA name)."
  type        = string
  default     = "UTC"
}

variable "schedule_input" {
  description = "The ScaleRequest the schedule sends; it is JSON-encoded and arrives as the event as-is. E.g. { reason = \"scheduled\", dryRun = true } for a trial period."
  type        = any
  default = {
    reason = "scheduled"
  }
}

variable "schedule_max_retry_attempts" {
  description = "How often EventBridge Scheduler retries delivering one tick to Lambda (0-185). The next tick is a retry anyway."
  type        = number
  default     = 0

  validation {
    condition     = var.schedule_max_retry_attempts >= 0 && var.schedule_max_retry_attempts <= 185 && floor(var.schedule_max_retry_attempts) == var.schedule_max_retry_attempts
    error_message = "schedule_max_retry_attempts must be a whole number from 0 to 185."
  }
}

variable "schedule_max_event_age_in_seconds" {
  description = "How long EventBridge Scheduler keeps trying to deliver one tick (60-86400 s)."
  type        = number
  default     = 300

  validation {
    condition     = var.schedule_max_event_age_in_seconds >= 60 && var.schedule_max_event_age_in_seconds <= 86400
    error_message = "schedule_max_event_age_in_seconds must be between 60 and 86400."
  }
}

variable "async_max_retry_attempts" {
  description = "Lambda's own retries of a failed asynchronous invocation (0-2; Lambda's default is 2). The scheduler invokes asynchronously, so this, not the scheduler's retry policy, decides whether a failed pass runs again at once."
  type        = number
  default     = 0

  validation {
    condition     = contains([0, 1, 2], var.async_max_retry_attempts)
    error_message = "async_max_retry_attempts must be 0, 1 or 2."
  }
}

variable "async_max_event_age_in_seconds" {
  description = "How long Lambda keeps a queued asynchronous event before dropping it (60-21600 s)."
  type        = number
  default     = 300

  validation {
    condition     = var.async_max_event_age_in_seconds >= 60 && var.async_max_event_age_in_seconds <= 21600
    error_message = "async_max_event_age_in_seconds must be between 60 and 21600."
  }
}

variable "enable_function_url" {
  description = "Create a function URL (AWS_IAM auth) on the live alias for ad-hoc calls. Callers need lambda:InvokeFunctionUrl and lambda:InvokeFunction; whoever has them may also send overrides."
  type        = bool
  default     = false
}

variable "alarm_topic_arn" {
  description = "Optional SNS topic the CloudWatch alarms notify (alarm and OK). Null: the alarms exist without actions."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:.+$", coalesce(var.alarm_topic_arn, "-")))
    error_message = "alarm_topic_arn must be null or an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)."
  }
}

# ---------------------------------------------------------------------------------------------
# Several bots (instead of statefulset_name and bot_token_secret_arn) and notifications
# ---------------------------------------------------------------------------------------------

variable "targets" {
  description = "Several bots from one scaler, by name (README, \"Several bots from one scaler\"): each its StatefulSet, its own token's Secrets Manager secret, and optionally its namespace, container and shards per pod (default: kubernetes_namespace, container_name, shards_per_bot), its shard cap (default max_shards) and settings overriding the global ones. Rendered into SCALER_TARGETS; the cluster manifest grants and confines every StatefulSet. Leave empty for one bot."
  type = map(object({
    statefulset          = string
    bot_token_secret_arn = string
    namespace            = optional(string)
    container            = optional(string)
    shards_per_bot       = optional(number)
    max_shards           = optional(number)
    settings             = optional(map(string), {})
  }))
  default = {}

  validation {
    condition     = alltrue([for name in keys(var.targets) : can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", name))])
    error_message = "targets keys are the targets' names: DNS labels (lowercase letters, digits and '-')."
  }

  validation {
    condition = alltrue([for t in values(var.targets) :
      can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", t.statefulset))
      && (t.namespace == null || can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", coalesce(t.namespace, "x"))))
    && (t.container == null || can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", coalesce(t.container, "x"))))])
    error_message = "Every target's statefulset, namespace and container must be DNS labels."
  }

  validation {
    condition     = alltrue([for t in values(var.targets) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", t.bot_token_secret_arn))])
    error_message = "Every target's bot_token_secret_arn must be a Secrets Manager secret ARN."
  }

  validation {
    condition     = length(distinct([for t in values(var.targets) : t.bot_token_secret_arn])) == length(var.targets)
    error_message = "Each target has its own bot token: two targets name the same secret."
  }

  validation {
    condition     = alltrue([for t in values(var.targets) : t.max_shards == null || (coalesce(t.max_shards, 1) >= 1 && coalesce(t.max_shards, 1) <= 100000)])
    error_message = "A target's max_shards must be from 1 to 100000."
  }

  # The settings are the scaler's per-target keys; none is a secret (the document lands in the
  # function's environment).
  validation {
    condition = alltrue(flatten([for t in values(var.targets) : [for k in keys(t.settings) :
    can(regex("^(K8S_SCALEUP|K8S_SCALEDOWN|SCALER_[A-Z_]+|DISCORD_API_BASE_URL)$", k)) && !can(regex("(TOKEN|SECRET|WEBHOOK|PASSWORD)", k))]]))
    error_message = "A target's settings are scaler keys (K8S_SCALEUP, K8S_SCALEDOWN, SCALER_*, DISCORD_API_BASE_URL), never a secret; the scaler checks each at start."
  }

  # The strategy decides the rights rbac_manifest grants: one for the deployment, for every target.
  validation {
    condition     = alltrue([for t in values(var.targets) : !contains(keys(t.settings), "SCALER_STRATEGY")])
    error_message = "A target cannot set settings.SCALER_STRATEGY: scaler_strategy applies to every target (rbac_manifest grants blue/green rights to all of them or to none)."
  }

  # The cap is also the admission policy's: one value, max_shards, feeds both.
  validation {
    condition     = alltrue([for t in values(var.targets) : !contains(keys(t.settings), "SCALER_MAX_SHARDS")])
    error_message = "A target's cap is its max_shards, not settings.SCALER_MAX_SHARDS (the admission policy must know it too)."
  }
}

variable "discord_webhook_secret_arn" {
  description = "Notifications to a Discord channel: the ARN of the Secrets Manager secret holding the channel's webhook URL (raw, or {\"url\": \"...\"}). The function may read it; the URL never lands in its configuration. Null: off."
  type        = string
  default     = null

  validation {
    condition     = var.discord_webhook_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", coalesce(var.discord_webhook_secret_arn, "x")))
    error_message = "discord_webhook_secret_arn must be null or a Secrets Manager secret ARN."
  }
}

variable "webhook_secret_arn" {
  description = "Notifications as JSON: the ARN of the Secrets Manager secret holding the URL they are POSTed to. Null: off."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", coalesce(var.webhook_secret_arn, "x")))
    error_message = "webhook_secret_arn must be null or a Secrets Manager secret ARN."
  }
}

variable "notification_namespace" {
  description = "Namespace of the ConfigMap shardscaler-notifications, the notifier's memory (in rbac_manifest). Null: kubernetes_namespace."
  type        = string
  default     = null

  validation {
    condition     = var.notification_namespace == null || can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", coalesce(var.notification_namespace, "x")))
    error_message = "notification_namespace must be null or a DNS label."
  }
}

variable "scaler_strategy" {
  description = "How a reshard reaches the bots (SCALER_STRATEGY), for every target alike: rolling (the default), or bluegreen: a second StatefulSet <statefulset>-b connects every shard before a switch ConfigMap <statefulset>-switch hands it the events. bluegreen adds the rights and admission policies it needs to rbac_manifest, for each target's StatefulSet; each must be at most 50 characters long, and each bot must follow the contract in docs/BLUEGREEN.md."
  type        = string
  default     = "rolling"

  validation {
    condition     = contains(["rolling", "bluegreen"], var.scaler_strategy)
    error_message = "scaler_strategy must be \"rolling\" or \"bluegreen\"."
  }
}

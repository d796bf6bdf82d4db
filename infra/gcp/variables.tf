# ---------------------------------------------------------------------------------------------
# Project and placement
# ---------------------------------------------------------------------------------------------

variable "project_id" {
  description = "Project that hosts the function, its service accounts, source bucket and scheduler job."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project ID (6-30 characters: lowercase letters, digits, '-')."
  }
}

variable "region" {
  description = "Region of the function, its source bucket and the scheduler job, e.g. europe-west1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]+$", var.region))
    error_message = "region must be a Google Cloud region such as europe-west1."
  }
}

variable "labels" {
  description = "Labels for the function and the source bucket."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------
# The function
# ---------------------------------------------------------------------------------------------

variable "function_name" {
  description = "Name of the Cloud Run function (also names the scheduler job). Kebab-case keeps the underlying Cloud Run service's name the same."
  type        = string
  default     = "shardscaler"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$", var.function_name))
    error_message = "function_name must be lowercase letters, digits and '-', start with a letter, end with a letter or digit, at most 49 characters."
  }
}

variable "entry_point" {
  description = "Fully qualified class of the Functions Framework HttpFunction in the gcp-adapter jar."
  type        = string
  default     = "dev.shardscaler.gcp.ScalerFunction"

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$.]*$", var.entry_point))
    error_message = "entry_point must be a fully qualified Java class name."
  }
}

variable "source_zip_path" {
  description = "Path of the zip to deploy, relative to the directory Terraform runs in (infra/gcp) or absolute. It holds the shaded gcp-adapter jar at its root; Cloud Build then deploys that jar as-is."
  type        = string
  default     = "../../gcp-adapter/target/gcp-adapter-function.zip"

  validation {
    condition     = endswith(var.source_zip_path, ".zip")
    error_message = "source_zip_path must point at a .zip file."
  }
}

variable "source_bucket_name" {
  description = "Bucket for the source zip (created here). Null means \"<project_id>-shardscaler-source\". Bucket names are global."
  type        = string
  default     = null
}

variable "source_bucket_force_destroy" {
  description = "Let terraform destroy delete the source bucket with the zips still in it (they are build artefacts)."
  type        = bool
  default     = true
}

variable "build_service_account_email" {
  description = "Service account Cloud Build builds the function as. Null (default) creates a dedicated one (build_service_account_id) with only what a build needs: writing its logs, pushing the function's image to Artifact Registry, reading the source bucket. Set an existing account's email instead to use that (it needs the same roles)."
  type        = string
  default     = null
}

variable "build_service_account_id" {
  description = "account_id of the dedicated build service account created when build_service_account_email is null (6-30 characters)."
  type        = string
  default     = "shardscaler-build"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{4,28}[a-z0-9])$", var.build_service_account_id))
    error_message = "build_service_account_id must be 6-30 characters: lowercase letters, digits and '-', starting with a letter."
  }
}

variable "available_memory" {
  description = "Memory of the function instance (Kubernetes-style quantity, e.g. 512M, 1Gi)."
  type        = string
  default     = "512M"

  validation {
    condition     = can(regex("^[0-9]+(k|M|G|Mi|Gi)?$", var.available_memory))
    error_message = "available_memory must be a number with an optional unit k, M, G, Mi or Gi, e.g. 512M."
  }
}

variable "available_cpu" {
  description = "vCPUs of the function instance, e.g. \"1\". Null lets Cloud Run derive it from memory (512M gives a fraction of a vCPU, so a Java cold start is slower)."
  type        = string
  default     = null
}

variable "timeout_seconds" {
  description = "Request timeout of the function in seconds. Keep it below the scheduler's attempt_deadline."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 3600 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number from 1 to 3600."
  }
}

variable "ingress_settings" {
  description = "Who may reach the function over the network. ALLOW_INTERNAL_ONLY (default, the narrowest that lets the scheduler in): VPC networks of the same project or VPC Service Controls perimeter, and Cloud Scheduler of the same project or perimeter. ALLOW_INTERNAL_AND_GCLB adds an external Application Load Balancer; ALLOW_ALL any network (IAM still required)."
  type        = string
  default     = "ALLOW_INTERNAL_ONLY"

  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress_settings)
    error_message = "ingress_settings must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
}

variable "vpc_connector" {
  description = "Optional Serverless VPC Access connector (projects/<p>/locations/<r>/connectors/<name>) for a private GKE endpoint and/or a dedicated egress IP through Cloud NAT."
  type        = string
  default     = null
}

variable "vpc_connector_egress_settings" {
  description = "With vpc_connector: ALL_TRAFFIC (everything, including Discord, leaves through your VPC and its Cloud NAT: a dedicated egress IP) or PRIVATE_RANGES_ONLY (only private addresses, e.g. a private GKE endpoint)."
  type        = string
  default     = "ALL_TRAFFIC"

  validation {
    condition     = contains(["ALL_TRAFFIC", "PRIVATE_RANGES_ONLY"], var.vpc_connector_egress_settings)
    error_message = "vpc_connector_egress_settings must be ALL_TRAFFIC or PRIVATE_RANGES_ONLY."
  }
}

variable "function_service_account_id" {
  description = "account_id of the function's dedicated service account (6-30 characters)."
  type        = string
  default     = "shardscaler-fn"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{4,28}[a-z0-9])$", var.function_service_account_id))
    error_message = "function_service_account_id must be 6-30 characters: lowercase letters, digits and '-', starting with a letter."
  }
}

variable "extra_environment" {
  description = "More environment variables for the function (e.g. DISCORD_API_BASE_URL or scaler tuning keys). No secrets: the keys this module sets itself, the two secrets (from Secret Manager), the non-GKE cluster keys (K8S_API_URL, KUBECONFIG) and any key that looks like a secret (TOKEN, SECRET, PASSWORD, WEBHOOK, ...) are refused. Marked sensitive, so plans do not print it."
  type        = map(string)
  default     = {}
  sensitive   = true

  validation {
    condition = length(setintersection(keys(var.extra_environment), [
      "K8S_NAMESPACE", "K8S_STATEFULSET", "K8S_CONTAINER", "K8S_SHARDS_PER_BOT", "K8S_SCALEUP", "K8S_SCALEDOWN",
      "SCALER_MAX_SHARDS", "SCALER_SHARDS_ENV", "SCALER_SHARDS_PER_BOT_ENV", "SCALER_STRATEGY",
      "GKE_CLUSTER_ENDPOINT", "GKE_CLUSTER_CA", "BOT_TOKEN", "SCALER_HTTP_TOKEN", "K8S_API_URL", "KUBECONFIG",
      "SCALER_TARGETS", "SCALER_TARGETS_FILE", "SCALER_NOTIFY_STATE_NAMESPACE",
    ])) == 0
    error_message = "extra_environment must not set K8S_NAMESPACE, K8S_STATEFULSET, K8S_CONTAINER, K8S_SHARDS_PER_BOT, K8S_SCALEUP, K8S_SCALEDOWN, SCALER_MAX_SHARDS, SCALER_SHARDS_ENV, SCALER_SHARDS_PER_BOT_ENV, SCALER_STRATEGY, GKE_CLUSTER_* (use this module's variables), BOT_TOKEN or SCALER_HTTP_TOKEN (they come from Secret Manager), K8S_API_URL or KUBECONFIG (the function reaches GKE through GKE_CLUSTER_ENDPOINT with its own credentials)."
  }

  # Plain environment variables are readable in the state, in plans and by anyone allowed to view
  # the function: a secret belongs in Secret Manager.
  validation {
    condition     = alltrue([for k in keys(var.extra_environment) : !can(regex("(?i)(TOKEN|SECRET|PASSWORD|PASSWD|WEBHOOK|CREDENTIAL|PRIVATE_KEY|API_KEY)", k))])
    error_message = "extra_environment must not hold secrets: keys containing TOKEN, SECRET, PASSWORD, PASSWD, WEBHOOK, CREDENTIAL, PRIVATE_KEY or API_KEY are refused. The bot token and SCALER_HTTP_TOKEN come from Secret Manager (bot_token_secret_id, http_token_secret_id)."
  }

  validation {
    condition     = alltrue([for k in keys(var.extra_environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k)) && !startswith(k, "X_GOOGLE_") && !contains(["PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION"], k)])
    error_message = "extra_environment keys must be letters, digits and '_', and not one the platform reserves (PORT, K_SERVICE, K_REVISION, K_CONFIGURATION, X_GOOGLE_*)."
  }
}

variable "alert_notification_channels" {
  description = "Cloud Monitoring notification channels (projects/<p>/notificationChannels/<id>) the function-errors alert notifies. Empty: the alert policy exists without notifications."
  type        = list(string)
  default     = []
}

# ---------------------------------------------------------------------------------------------
# The cluster and the bot
# ---------------------------------------------------------------------------------------------

variable "gke_project_id" {
  description = "Project of the GKE cluster, where the function's service account gets the cluster access role. Null means project_id."
  type        = string
  default     = null
}

variable "cluster_access_role" {
  description = "Role that lets the function's account authenticate to GKE, granted on the cluster's project (IAM cannot grant it on one cluster). Null (default) creates a custom role (cluster_access_role_id) with container.clusters.get, plus container.clusters.connect for a DNS-based endpoint: narrower than roles/container.clusterViewer, which also lists every cluster. Set an existing role (roles/... or projects/<p>/roles/<id>) to use that instead."
  type        = string
  default     = null

  validation {
    condition     = var.cluster_access_role == null || can(regex("^(roles/[A-Za-z0-9_.]+|projects/[^/]+/roles/[A-Za-z0-9_.]+|organizations/[0-9]+/roles/[A-Za-z0-9_.]+)$", coalesce(var.cluster_access_role, "-")))
    error_message = "cluster_access_role must be null, a predefined role (roles/...) or a custom role (projects/<p>/roles/<id> or organizations/<n>/roles/<id>)."
  }
}

variable "cluster_access_role_id" {
  description = "role_id of the custom role created when cluster_access_role is null. A deleted custom role keeps its ID for 37 days: pick another ID to recreate one sooner."
  type        = string
  default     = "shardscalerGkeAccess"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.]{3,64}$", var.cluster_access_role_id))
    error_message = "cluster_access_role_id must be 3-64 letters, digits, '_' or '.'."
  }
}

variable "gke_cluster_endpoint" {
  description = "API server address of the GKE cluster (GKE_CLUSTER_ENDPOINT): the DNS-based endpoint (gke-....<region>.gke.goog, recommended: publicly trusted certificate, IAM checked in front) or the IP endpoint. With or without https://."
  type        = string

  validation {
    condition     = length(trimspace(var.gke_cluster_endpoint)) > 0 && !strcontains(var.gke_cluster_endpoint, " ")
    error_message = "gke_cluster_endpoint must be a host name, IP address or https:// URL."
  }
}

variable "gke_cluster_ca" {
  description = "The cluster CA (GKE_CLUSTER_CA): base64 of the PEM as in masterAuth.clusterCaCertificate (what gcloud and data.google_container_cluster give), or the PEM itself. Needed for the IP endpoint; leave null for the DNS-based endpoint, whose certificate is publicly trusted."
  type        = string
  default     = null

  validation {
    condition     = var.gke_cluster_ca == null || can(base64decode(var.gke_cluster_ca)) || strcontains(coalesce(var.gke_cluster_ca, "-"), "-----BEGIN CERTIFICATE-----")
    error_message = "gke_cluster_ca must be null, the base64 clusterCaCertificate value as gcloud prints it, or a PEM certificate."
  }
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

variable "rbac_role_name" {
  description = "Name of the namespaced Role and RoleBinding in the rendered RBAC manifest."
  type        = string
  default     = "shardscaler"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.rbac_role_name))
    error_message = "rbac_role_name must be a DNS subdomain name (lowercase letters, digits, '-' and '.')."
  }
}

variable "bot_token_secret_id" {
  description = "Short name (not the full resource name) of the Secret Manager secret holding the Discord bot token. The function may access this one secret only; the platform exposes it as BOT_TOKEN."
  type        = string
  default     = "discord-bot-token"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.bot_token_secret_id))
    error_message = "bot_token_secret_id must be a secret's short name: letters, digits, '-' and '_' (not projects/.../secrets/...)."
  }
}

variable "bot_token_secret_project" {
  description = "Project of the bot token secret. Null means project_id."
  type        = string
  default     = null
}

variable "bot_token_secret_version" {
  description = "Secret version exposed as BOT_TOKEN (one bot): a version number (recommended: pinned, rotation is a deliberate apply) or \"latest\" (picked up only when a new instance starts). The targets' tokens and the webhook URLs are read at their latest version."
  type        = string
  default     = "latest"

  validation {
    condition     = can(regex("^([0-9]+|latest)$", var.bot_token_secret_version))
    error_message = "bot_token_secret_version must be a version number or \"latest\"."
  }
}

variable "http_token_secret_id" {
  description = "Optional short name of a Secret Manager secret holding SCALER_HTTP_TOKEN: the shared secret that ad-hoc requests with overrides (shards, shardsPerBot, overrideFor, clearOverride, dryRun = false) must send as X-Shardscaler-Token, on top of run.invoker. Null: such requests are refused (403); scheduled passes and dry runs work either way."
  type        = string
  default     = null

  validation {
    condition     = var.http_token_secret_id == null || can(regex("^[A-Za-z0-9_-]{1,255}$", coalesce(var.http_token_secret_id, "-")))
    error_message = "http_token_secret_id must be null or a secret's short name: letters, digits, '-' and '_'."
  }
}

variable "http_token_secret_version" {
  description = "Version of http_token_secret_id exposed as SCALER_HTTP_TOKEN: a number or \"latest\" (picked up when a new instance starts)."
  type        = string
  default     = "latest"

  validation {
    condition     = can(regex("^([0-9]+|latest)$", var.http_token_secret_version))
    error_message = "http_token_secret_version must be a version number or \"latest\"."
  }
}

# ---------------------------------------------------------------------------------------------
# Cloud Scheduler
# ---------------------------------------------------------------------------------------------

variable "scheduler_service_account_id" {
  description = "account_id of the dedicated service account Cloud Scheduler signs its OIDC token as (6-30 characters)."
  type        = string
  default     = "shardscaler-scheduler"

  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{4,28}[a-z0-9])$", var.scheduler_service_account_id))
    error_message = "scheduler_service_account_id must be 6-30 characters: lowercase letters, digits and '-', starting with a letter."
  }
}

variable "scheduler_region" {
  description = "Region of the Cloud Scheduler job. Null means region (use another only where Cloud Scheduler is not offered in the function's region)."
  type        = string
  default     = null
}

variable "schedule" {
  description = "Cron schedule of the scheduler job (unix-cron). Poll Discord sparingly: minutes, not seconds."
  type        = string
  default     = "*/10 * * * *"

  validation {
    condition     = length(split(" ", trimspace(var.schedule))) == 5
    error_message = "schedule must be a five-field unix-cron expression, e.g. \"*/10 * * * *\"."
  }
}

variable "time_zone" {
  description = "Time zone (tz database name) the schedule is read in."
  type        = string
  default     = "Etc/UTC"
}

variable "schedule_enabled" {
  description = "false pauses the scheduler job."
  type        = bool
  default     = true
}

variable "schedule_body" {
  description = "The ScaleRequest the job POSTs as JSON, e.g. { reason = \"scheduled\", dryRun = true } for a trial period. Only reason and dryRun = true: every other field is an override, which needs the X-Shardscaler-Token header, and the job does not send it."
  type        = any
  default = {
    reason = "scheduled"
  }

  validation {
    condition     = alltrue([for k in keys(var.schedule_body) : contains(["reason", "dryRun"], k)]) && try(var.schedule_body.dryRun, true) == true
    error_message = "schedule_body may only hold reason and dryRun = true: shards, shardsPerBot, namespace, statefulSet, container and dryRun = false are overrides, which the function refuses (401/403) without the X-Shardscaler-Token header that the job does not send. Set such values as the function's configuration instead."
  }
}

variable "attempt_deadline" {
  description = "How long Cloud Scheduler waits for one attempt (15s-1800s for HTTP targets). Longer than timeout_seconds, so the function's own timeout answers first."
  type        = string
  default     = "180s"

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+)?s$", var.attempt_deadline))
    error_message = "attempt_deadline must be a duration in seconds ending in 's', e.g. \"180s\"."
  }
}

variable "retry_count" {
  description = "Retries of a failed attempt (0-5). The next tick is a retry anyway."
  type        = number
  default     = 0

  validation {
    condition     = var.retry_count >= 0 && var.retry_count <= 5 && floor(var.retry_count) == var.retry_count
    error_message = "retry_count must be a whole number from 0 to 5."
  }
}

# ---------------------------------------------------------------------------------------------
# Several bots (instead of statefulset_name and bot_token_secret_id) and notifications
# ---------------------------------------------------------------------------------------------

variable "targets" {
  description = "Several bots from one scaler, by name (README, \"Several bots from one scaler\"): each its StatefulSet, its own token's Secret Manager secret (short name; exposed to the function as BOT_TOKEN_<NAME>), and optionally its namespace, container and shards per pod (default: kubernetes_namespace, container_name, shards_per_bot), its shard cap (default max_shards) and settings overriding the global ones. Rendered into SCALER_TARGETS; the cluster manifest grants and confines every StatefulSet. Leave empty for one bot."
  type = map(object({
    statefulset         = string
    bot_token_secret_id = string
    namespace           = optional(string)
    container           = optional(string)
    shards_per_bot      = optional(number)
    max_shards          = optional(number)
    settings            = optional(map(string), {})
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
    condition     = alltrue([for t in values(var.targets) : can(regex("^[A-Za-z0-9_-]{1,255}$", t.bot_token_secret_id))])
    error_message = "Every target's bot_token_secret_id must be a secret's short name: letters, digits, '-' and '_'."
  }

  validation {
    condition     = length(distinct([for t in values(var.targets) : t.bot_token_secret_id])) == length(var.targets)
    error_message = "Each target has its own bot token: two targets name the same secret."
  }

  validation {
    condition     = alltrue([for t in values(var.targets) : t.max_shards == null || (coalesce(t.max_shards, 1) >= 1 && coalesce(t.max_shards, 1) <= 100000)])
    error_message = "A target's max_shards must be from 1 to 100000."
  }

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

variable "discord_webhook_secret_id" {
  description = "Notifications to a Discord channel: the short name of the Secret Manager secret holding the channel's webhook URL, exposed to the function as SCALER_NOTIFY_DISCORD_WEBHOOK. Null: off."
  type        = string
  default     = null

  validation {
    condition     = var.discord_webhook_secret_id == null || can(regex("^[A-Za-z0-9_-]{1,255}$", coalesce(var.discord_webhook_secret_id, "x")))
    error_message = "discord_webhook_secret_id must be null or a secret's short name."
  }
}

variable "webhook_secret_id" {
  description = "Notifications as JSON: the short name of the Secret Manager secret holding the URL they are POSTed to (SCALER_NOTIFY_WEBHOOK). Null: off."
  type        = string
  default     = null

  validation {
    condition     = var.webhook_secret_id == null || can(regex("^[A-Za-z0-9_-]{1,255}$", coalesce(var.webhook_secret_id, "x")))
    error_message = "webhook_secret_id must be null or a secret's short name."
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

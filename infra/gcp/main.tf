locals {
  gke_project_id        = coalesce(var.gke_project_id, var.project_id)
  secret_project_id     = coalesce(var.bot_token_secret_project, var.project_id)
  source_bucket_name    = coalesce(var.source_bucket_name, "${var.project_id}-shardscaler-source")
  function_service_mail = google_service_account.function.email
  # The same address, known before the account exists, so that the cluster manifest is complete
  # in the plan (a user-managed service account's email is always <id>@<project>.iam...).
  function_service_mail_planned = "${var.function_service_account_id}@${var.project_id}.iam.gserviceaccount.com"

  build_service_mail = coalesce(var.build_service_account_email, try(google_service_account.build[0].email, null))

  # The DNS-based endpoint checks container.clusters.connect in IAM before RBAC.
  dns_endpoint = endswith(trimsuffix(local.gke_endpoint, "/"), ".gke.goog")

  # Always an https:// URL, whichever form the variable was given in.
  gke_endpoint = startswith(var.gke_cluster_endpoint, "https://") ? var.gke_cluster_endpoint : "https://${var.gke_cluster_endpoint}"

  # One bot (statefulset_name, bot_token_secret_id), or several (targets).
  several = length(var.targets) > 0

  # Each target's token: its own Secret Manager secret, exposed to the function as a variable.
  target_token_env = { for name in keys(var.targets) : name => "BOT_TOKEN_${upper(replace(name, "-", "_"))}" }

  # The bot tokens the function reads, by the variable the platform exposes each as.
  bot_token_secrets = local.several ? {
    for name, t in var.targets : local.target_token_env[name] => t.bot_token_secret_id
  } : { BOT_TOKEN = var.bot_token_secret_id }

  # The webhook URLs are secrets too, exposed the same way.
  webhook_secrets = merge(
    var.discord_webhook_secret_id == null ? {} : { SCALER_NOTIFY_DISCORD_WEBHOOK = var.discord_webhook_secret_id },
    var.webhook_secret_id == null ? {} : { SCALER_NOTIFY_WEBHOOK = var.webhook_secret_id },
  )
  notification_namespace = coalesce(var.notification_namespace, var.kubernetes_namespace)

  # The targets document (README, "Several bots from one scaler"): each token named by its
  # variable, never written here.
  targets_document = jsonencode({
    targets = [for name in sort(keys(var.targets)) : merge(
      {
        name        = name
        statefulSet = var.targets[name].statefulset
        token       = { env = local.target_token_env[name] }
      },
      var.targets[name].namespace == null ? {} : { namespace = var.targets[name].namespace },
      var.targets[name].container == null ? {} : { container = var.targets[name].container },
      var.targets[name].shards_per_bot == null ? {} : { shardsPerBot = var.targets[name].shards_per_bot },
      length(local.target_settings[name]) == 0 ? {} : { settings = local.target_settings[name] },
    )]
  })

  target_settings = {
    for name, t in var.targets : name => merge(
      t.settings,
      t.max_shards == null ? {} : { SCALER_MAX_SHARDS = tostring(t.max_shards) },
    )
  }

  # What the cluster manifest gives rights on and the admission policy confines, by target.
  cluster_targets = local.several ? {
    for name, t in var.targets : name => {
      namespace          = coalesce(t.namespace, var.kubernetes_namespace)
      statefulset        = t.statefulset
      container          = coalesce(t.container, var.container_name)
      shards_env         = lookup(t.settings, "SCALER_SHARDS_ENV", var.shards_env_name)
      shards_per_bot_env = lookup(t.settings, "SCALER_SHARDS_PER_BOT_ENV", var.shards_per_bot_env_name)
      max_shards         = coalesce(t.max_shards, var.max_shards)
    }
    } : {
    (coalesce(var.statefulset_name, "unset")) = {
      namespace          = var.kubernetes_namespace
      statefulset        = coalesce(var.statefulset_name, "unset")
      container          = var.container_name
      shards_env         = var.shards_env_name
      shards_per_bot_env = var.shards_per_bot_env_name
      max_shards         = var.max_shards
    }
  }

  # Module-managed keys win; variables.tf refuses extra keys that would collide with them.
  # GKE_CLUSTER_CA is left out when null (DNS-based endpoint: publicly trusted certificate).
  environment = merge(
    # The JVM flags of the k8s and Knative manifests: a cold pass 2.3 s → 1.8 s
    # (docs/PERFORMANCE.md). extra_environment may override them.
    { JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" },
    var.extra_environment,
    {
      K8S_NAMESPACE             = var.kubernetes_namespace
      K8S_CONTAINER             = var.container_name
      K8S_SHARDS_PER_BOT        = tostring(var.shards_per_bot)
      K8S_SCALEUP               = var.scale_up ? "1" : "0"
      K8S_SCALEDOWN             = var.scale_down ? "1" : "0"
      SCALER_MAX_SHARDS         = tostring(var.max_shards)
      SCALER_SHARDS_ENV         = var.shards_env_name
      SCALER_SHARDS_PER_BOT_ENV = var.shards_per_bot_env_name
      SCALER_STRATEGY           = var.scaler_strategy
      GKE_CLUSTER_ENDPOINT      = local.gke_endpoint
    },
    var.gke_cluster_ca == null ? {} : { GKE_CLUSTER_CA = var.gke_cluster_ca },
    local.several ? { SCALER_TARGETS = local.targets_document } : { K8S_STATEFULSET = coalesce(var.statefulset_name, "unset") },
    length(local.webhook_secrets) == 0 ? {} : { SCALER_NOTIFY_STATE_NAMESPACE = local.notification_namespace },
  )
}

# ---------------------------------------------------------------------------------------------
# Identities: one for the function, one for the scheduler, one for the build. None gets a key.
# ---------------------------------------------------------------------------------------------

resource "google_service_account" "function" {
  project      = var.project_id
  account_id   = var.function_service_account_id
  display_name = "shardscaler function"
  description  = "Runs the ${var.function_name} function: reads one secret, gets/patches one StatefulSet through GKE RBAC."
}

resource "google_service_account" "scheduler" {
  project      = var.project_id
  account_id   = var.scheduler_service_account_id
  display_name = "shardscaler scheduler"
  description  = "Cloud Scheduler signs its OIDC token to invoke ${var.function_name} as this account. Invoker on that one service only."
}

# What GKE checks in IAM before a request reaches RBAC: container.clusters.get (and
# container.clusters.connect on the DNS-based endpoint). IAM grants it on the project, never on
# one cluster; it shows cluster metadata, not workloads. What the account may do inside the
# cluster is the namespaced Role in rbac_manifest, bound to its email, and the admission policy.
resource "google_project_iam_custom_role" "cluster_access" {
  count = var.cluster_access_role == null ? 1 : 0

  project     = local.gke_project_id
  role_id     = var.cluster_access_role_id
  title       = "shardscaler GKE access"
  description = "Authenticate to GKE clusters of this project; what the account may do inside is Kubernetes RBAC."
  permissions = concat(["container.clusters.get"], local.dns_endpoint ? ["container.clusters.connect"] : [])
}

resource "google_project_iam_member" "function_cluster_access" {
  project = local.gke_project_id
  role    = coalesce(var.cluster_access_role, try(google_project_iam_custom_role.cluster_access[0].name, null))
  member  = "serviceAccount:${local.function_service_mail}"
}

# The build's own account: its logs, the function's image in Artifact Registry, the source zip.
resource "google_service_account" "build" {
  count = var.build_service_account_email == null ? 1 : 0

  project      = var.project_id
  account_id   = var.build_service_account_id
  display_name = "shardscaler build"
  description  = "Cloud Build builds the ${var.function_name} function as this account."
}

resource "google_project_iam_member" "build" {
  for_each = var.build_service_account_email == null ? toset(["roles/logging.logWriter", "roles/artifactregistry.writer"]) : toset([])

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.build[0].email}"
}

resource "google_storage_bucket_iam_member" "build_reads_source" {
  count = var.build_service_account_email == null ? 1 : 0

  bucket = google_storage_bucket.source.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.build[0].email}"
}

# Earlier versions granted the one bot token as a single resource; this keeps that grant.
moved {
  from = google_secret_manager_secret_iam_member.function_bot_token
  to   = google_secret_manager_secret_iam_member.function_bot_token["BOT_TOKEN"]
}

# The bot tokens (one per target) and the webhook URLs: the function may access these secrets only.
resource "google_secret_manager_secret_iam_member" "function_bot_token" {
  for_each = merge(local.bot_token_secrets, local.webhook_secrets)

  project   = local.secret_project_id
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${local.function_service_mail}"
}

# Only when ad-hoc overrides are enabled: the one secret holding SCALER_HTTP_TOKEN.
resource "google_secret_manager_secret_iam_member" "function_http_token" {
  count     = var.http_token_secret_id == null ? 0 : 1
  project   = local.secret_project_id
  secret_id = var.http_token_secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${local.function_service_mail}"
}

# ---------------------------------------------------------------------------------------------
# Source: the zip (shaded jar at its root) in a private bucket. The object name carries the
# zip's hash, so a new build changes the function and triggers a redeploy.
# ---------------------------------------------------------------------------------------------

resource "google_storage_bucket" "source" {
  project                     = var.project_id
  name                        = local.source_bucket_name
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = var.source_bucket_force_destroy
  labels                      = var.labels
}

resource "google_storage_bucket_object" "source" {
  bucket = google_storage_bucket.source.name
  name   = "shardscaler-${filemd5(var.source_zip_path)}.zip"
  source = var.source_zip_path
}

# ---------------------------------------------------------------------------------------------
# The function (Cloud Run functions, 2nd gen).
# ---------------------------------------------------------------------------------------------

resource "google_cloudfunctions2_function" "this" {
  project     = var.project_id
  location    = var.region
  name        = var.function_name
  description = local.several ? "shardscaler: scales ${length(var.targets)} bots' StatefulSets to Discord's recommended shard counts." : "shardscaler: scales the ${var.kubernetes_namespace}/${coalesce(var.statefulset_name, "unset")} StatefulSet to Discord's recommended shard count."
  labels      = var.labels

  build_config {
    runtime     = "java25"
    entry_point = var.entry_point

    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }

    service_account = "projects/${var.project_id}/serviceAccounts/${local.build_service_mail}"
  }

  service_config {
    service_account_email = local.function_service_mail

    # One pass at a time: a second concurrent pass would only race the first on the same
    # StatefulSet.
    min_instance_count               = 0
    max_instance_count               = 1
    max_instance_request_concurrency = 1

    available_memory = var.available_memory
    available_cpu    = var.available_cpu
    timeout_seconds  = var.timeout_seconds

    # Internal only by default (Cloud Scheduler of this project counts as internal); IAM
    # (run.invoker, scheduler account only) guards every call on top.
    ingress_settings               = var.ingress_settings
    all_traffic_on_latest_revision = true

    vpc_connector                 = var.vpc_connector
    vpc_connector_egress_settings = var.vpc_connector == null ? null : var.vpc_connector_egress_settings

    environment_variables = local.environment

    # Each bot's token (BOT_TOKEN for one bot; BOT_TOKEN_<TARGET> for several) and the webhook
    # URLs, from Secret Manager: never in the function's configuration or the state. The pinned
    # version is the one bot's; the targets' tokens and the webhook URLs are each their own
    # secret, so one version number cannot fit them all: their latest.
    dynamic "secret_environment_variables" {
      for_each = merge(local.bot_token_secrets, local.webhook_secrets)
      content {
        key        = secret_environment_variables.key
        project_id = local.secret_project_id
        secret     = secret_environment_variables.value
        version    = secret_environment_variables.key == "BOT_TOKEN" ? var.bot_token_secret_version : "latest"
      }
    }

    # The shared secret for ad-hoc overrides (X-Shardscaler-Token); absent: overrides get 403.
    dynamic "secret_environment_variables" {
      for_each = var.http_token_secret_id == null ? [] : [var.http_token_secret_id]
      content {
        key        = "SCALER_HTTP_TOKEN"
        project_id = local.secret_project_id
        secret     = secret_environment_variables.value
        version    = var.http_token_secret_version
      }
    }
  }

  # Deploying checks that the runtime account can read the secrets, and the build account what
  # a build needs.
  depends_on = [
    google_secret_manager_secret_iam_member.function_bot_token,
    google_secret_manager_secret_iam_member.function_http_token,
    google_project_iam_member.build,
    google_storage_bucket_iam_member.build_reads_source,
  ]

  lifecycle {
    precondition {
      condition     = local.several != (var.statefulset_name != null)
      error_message = "Set either statefulset_name (one bot, its token in bot_token_secret_id) or targets (several bots), not both and not neither."
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Invocation: only the scheduler's account may invoke the function's underlying Cloud Run
# service. Nobody else gets run.invoker; there is no allUsers binding.
# ---------------------------------------------------------------------------------------------

resource "google_cloud_run_v2_service_iam_member" "scheduler_invoker" {
  project  = var.project_id
  location = var.region
  # projects/<p>/locations/<r>/services/<name>, one of the accepted forms.
  name   = google_cloudfunctions2_function.this.service_config[0].service
  role   = "roles/run.invoker"
  member = "serviceAccount:${google_service_account.scheduler.email}"
}

resource "google_cloud_scheduler_job" "this" {
  project          = var.project_id
  region           = coalesce(var.scheduler_region, var.region)
  name             = var.function_name
  description      = "Runs one shardscaler pass."
  schedule         = var.schedule
  time_zone        = var.time_zone
  paused           = !var.schedule_enabled
  attempt_deadline = var.attempt_deadline

  retry_config {
    retry_count = var.retry_count
  }

  http_target {
    http_method = "POST"
    uri         = google_cloudfunctions2_function.this.service_config[0].uri
    body        = base64encode(jsonencode(var.schedule_body))
    headers = {
      "Content-Type" = "application/json"
    }

    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloudfunctions2_function.this.service_config[0].uri
    }
  }

  depends_on = [google_cloud_run_v2_service_iam_member.scheduler_invoker]
}

# ---------------------------------------------------------------------------------------------
# Alert: the function answered a scheduled (or ad-hoc) pass with an error status: a FAILED pass
# (500/502/503), or a request refused (4xx, e.g. the scheduler's identity lost run.invoker).
# ---------------------------------------------------------------------------------------------

resource "google_monitoring_alert_policy" "function_errors" {
  project      = var.project_id
  display_name = "${var.function_name}: failed passes"
  combiner     = "OR"

  conditions {
    display_name = "non-2xx answers of ${var.function_name}"

    condition_threshold {
      filter          = "resource.type = \"cloud_run_revision\" AND resource.labels.service_name = \"${var.function_name}\" AND metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = one_of(\"4xx\", \"5xx\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "0s"

      aggregations {
        alignment_period   = "600s"
        per_series_aligner = "ALIGN_SUM"
      }

      trigger {
        count = 1
      }
    }
  }

  documentation {
    content   = "A shardscaler pass failed. The function's logs name the reason: gcloud functions logs read ${var.function_name} --gen2 --region ${var.region}"
    mime_type = "text/markdown"
  }

  notification_channels = var.alert_notification_channels
}

# ---------------------------------------------------------------------------------------------
# The cluster side, rendered for kubectl (no Kubernetes provider here): the namespaced Role and
# RoleBinding for the function's account, the params ConfigMap, and the admission policies that
# confine that account's writes (../k8s/admission, Kubernetes >= 1.30).
# ---------------------------------------------------------------------------------------------

module "cluster_manifest" {
  source = "../cluster-manifest"

  targets                = local.cluster_targets
  strategy               = var.scaler_strategy
  notification_namespace = length(local.webhook_secrets) == 0 ? null : local.notification_namespace
  role_name              = var.rbac_role_name
  subject_kind           = "User"
  subject_name           = local.function_service_mail_planned
}

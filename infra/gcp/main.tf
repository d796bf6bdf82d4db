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

  # Module-managed keys win; variables.tf refuses extra keys that would collide with them.
  # GKE_CLUSTER_CA is left out when null (DNS-based endpoint: publicly trusted certificate).
  environment = merge(
    # The JVM flags of the k8s and Knative manifests: a cold pass 2.3 s → 1.8 s
    # (docs/PERFORMANCE.md). extra_environment may override them.
    { JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" },
    var.extra_environment,
    {
      K8S_NAMESPACE             = var.kubernetes_namespace
      K8S_STATEFULSET           = var.statefulset_name
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

resource "google_secret_manager_secret_iam_member" "function_bot_token" {
  project   = local.secret_project_id
  secret_id = var.bot_token_secret_id
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
  description = "shardscaler: scales the ${var.kubernetes_namespace}/${var.statefulset_name} StatefulSet to Discord's recommended shard count."
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

    secret_environment_variables {
      key        = "BOT_TOKEN"
      project_id = local.secret_project_id
      secret     = var.bot_token_secret_id
      version    = var.bot_token_secret_version
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

  namespace               = var.kubernetes_namespace
  statefulset_name        = var.statefulset_name
  container_name          = var.container_name
  shards_env_name         = var.shards_env_name
  shards_per_bot_env_name = var.shards_per_bot_env_name
  max_shards              = var.max_shards
  strategy                = var.scaler_strategy
  role_name               = var.rbac_role_name
  subject_kind            = "User"
  subject_name            = local.function_service_mail_planned
}

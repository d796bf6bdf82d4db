# The cluster side of a serverless scaler (infra/aws, infra/gcp): the namespaced Role and
# RoleBinding, the params ConfigMap that names the target, and the admission policies of
# ../k8s/admission, read verbatim so that every deployment ships the same policy. No provider:
# the result is text, applied with kubectl.

terraform {
  required_version = ">= 1.5"
}

locals {
  bluegreen = var.strategy == "bluegreen"

  # SCALER_STRATEGY=bluegreen: the policies of ../k8s/bluegreen too, the per-bot binding named
  # after the bot's StatefulSet (what the kustomize component does with a replacement).
  policies = concat([
    file("${path.module}/../k8s/admission/statefulset-policy.yaml"),
    file("${path.module}/../k8s/admission/event-policy.yaml"),
    file("${path.module}/../k8s/admission/bindings.yaml"),
    ], local.bluegreen ? [
    file("${path.module}/../k8s/bluegreen/siblings-policy.yaml"),
    file("${path.module}/../k8s/bluegreen/sibling-template-policy.yaml"),
    file("${path.module}/../k8s/bluegreen/switch-policy.yaml"),
    replace(file("${path.module}/../k8s/bluegreen/bindings.yaml"), "SETBYKUSTOMIZATION", var.statefulset_name),
  ] : [])

  manifest = join("\n---\n", concat(
    [templatefile("${path.module}/namespaced.yaml.tftpl", {
      role_name          = var.role_name
      namespace          = var.namespace
      statefulset        = var.statefulset_name
      container          = var.container_name
      shards_env         = var.shards_env_name
      shards_per_bot_env = var.shards_per_bot_env_name
      max_shards         = tostring(var.max_shards)
      subject_kind       = var.subject_kind
      subject_name       = var.subject_name
      users              = join(",", var.subject_kind == "User" ? [var.subject_name] : [])
      groups             = join(",", var.subject_kind == "Group" ? [var.subject_name] : [])
      bluegreen          = local.bluegreen
    })],
    [for policy in local.policies : trimspace(policy)],
  ))
}

output "manifest" {
  description = "Role, RoleBinding, params ConfigMap and the admission policies, as one multi-document YAML."
  value       = "${local.manifest}\n"

  precondition {
    condition     = var.shards_env_name != var.shards_per_bot_env_name
    error_message = "shards_env_name and shards_per_bot_env_name must differ."
  }

  precondition {
    condition     = !local.bluegreen || length(var.statefulset_name) <= 50
    error_message = "With strategy bluegreen, statefulset_name must be at most 50 characters: its sibling <name>-b and the pods' revision label must fit in 63."
  }
}

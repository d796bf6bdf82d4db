# The cluster side of a serverless scaler (infra/aws, infra/gcp): in every namespace that holds a
# target, the Role and RoleBinding and the params ConfigMap naming that namespace's StatefulSets;
# the notifier's memory ConfigMap when notifications are on; and the admission policies of
# ../k8s/admission, read verbatim so that every deployment ships the same policy. No provider:
# the result is text, applied with kubectl.

terraform {
  required_version = ">= 1.5"
}

locals {
  policies = [
    file("${path.module}/../k8s/admission/statefulset-policy.yaml"),
    file("${path.module}/../k8s/admission/event-policy.yaml"),
    file("${path.module}/../k8s/admission/bindings.yaml"),
  ]

  # Every namespace the scaler needs rights in: the targets' and the memory's.
  namespaces = sort(distinct(concat(
    [for t in values(var.targets) : t.namespace],
    var.notification_namespace == null ? [] : [var.notification_namespace],
  )))

  # A namespace's targets, in the order of their names.
  by_namespace = {
    for ns in local.namespaces : ns => [
      for name in sort(keys(var.targets)) : var.targets[name] if var.targets[name].namespace == ns
    ]
  }

  manifest = join("\n---\n", concat(
    [for ns in local.namespaces : trimspace(templatefile("${path.module}/namespaced.yaml.tftpl", {
      role_name     = var.role_name
      namespace     = ns
      targets       = local.by_namespace[ns]
      notifications = ns == var.notification_namespace
      subject_kind  = var.subject_kind
      subject_name  = var.subject_name
      users         = join(",", var.subject_kind == "User" ? [var.subject_name] : [])
      groups        = join(",", var.subject_kind == "Group" ? [var.subject_name] : [])
    }))],
    [for policy in local.policies : trimspace(policy)],
  ))
}

output "manifest" {
  description = "For each namespace: Role, RoleBinding, the params ConfigMap (and the notification memory); then the admission policies, as one multi-document YAML."
  value       = "${local.manifest}\n"
}

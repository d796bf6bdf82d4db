# The cluster side of a serverless scaler (infra/aws, infra/gcp): in every namespace that holds a
# target, the Role and RoleBinding and the params ConfigMap naming that namespace's StatefulSets;
# the notifier's memory ConfigMap when notifications are on; and the admission policies of
# ../k8s/admission, read verbatim so that every deployment ships the same policy. No provider:
# the result is text, applied with kubectl.

terraform {
  required_version = ">= 1.5"
}

locals {
  bluegreen = var.strategy == "bluegreen"

  # SCALER_STRATEGY=bluegreen: the policies of ../k8s/bluegreen too, the per-bot binding named
  # after each target's StatefulSet (what the kustomize component does with a replacement).
  policies = concat([
    file("${path.module}/../k8s/admission/statefulset-policy.yaml"),
    file("${path.module}/../k8s/admission/event-policy.yaml"),
    file("${path.module}/../k8s/admission/bindings.yaml"),
    ], local.bluegreen ? [
    file("${path.module}/../k8s/bluegreen/siblings-policy.yaml"),
    file("${path.module}/../k8s/bluegreen/sibling-template-policy.yaml"),
    file("${path.module}/../k8s/bluegreen/switch-policy.yaml"),
    local.bluegreen_shared_bindings,
    ] : [], local.bluegreen ? [
    for name in local.statefulset_names : replace(local.bluegreen_template_binding, "SETBYKUSTOMIZATION", name)
  ] : [])

  # ../k8s/bluegreen/bindings.yaml: the two shared bindings, then the sibling-template binding, one
  # per StatefulSet name (it finds the bot's StatefulSet by name in the sibling's namespace, so
  # targets of the same name in different namespaces share one).
  bluegreen_bindings         = split("\n---\n", file("${path.module}/../k8s/bluegreen/bindings.yaml"))
  bluegreen_shared_bindings  = join("\n---\n", slice(local.bluegreen_bindings, 0, 2))
  bluegreen_template_binding = local.bluegreen_bindings[2]
  statefulset_names          = sort(distinct([for t in values(var.targets) : t.statefulset]))
  sibling_clashes = sort([
    for t in values(var.targets) : "${t.namespace}/${t.statefulset}-b"
    if contains([for o in values(var.targets) : "${o.namespace}/${o.statefulset}"], "${t.namespace}/${t.statefulset}-b")
  ])

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
      bluegreen     = local.bluegreen
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

  precondition {
    condition     = length(local.bluegreen_bindings) == 3 && strcontains(local.bluegreen_template_binding, "SETBYKUSTOMIZATION") && !strcontains(local.bluegreen_shared_bindings, "SETBYKUSTOMIZATION")
    error_message = "../k8s/bluegreen/bindings.yaml must hold the two shared bindings, then the per-bot sibling-template binding (named SETBYKUSTOMIZATION): this module renders the last one per StatefulSet."
  }

  precondition {
    condition     = !local.bluegreen || length(local.sibling_clashes) == 0
    error_message = "With strategy bluegreen, a target's sibling <statefulset>-b must not be another target's StatefulSet (a reshard of the one would replace the other): ${join(", ", local.sibling_clashes)}."
  }

  precondition {
    condition     = !local.bluegreen || alltrue([for t in values(var.targets) : length(t.statefulset) <= 50])
    error_message = "With strategy bluegreen, every target's statefulset must be at most 50 characters (its sibling <statefulset>-b and the pods' revision label must fit in 63); too long: ${join(", ", [for t in values(var.targets) : t.statefulset if length(t.statefulset) > 50])}."
  }
}

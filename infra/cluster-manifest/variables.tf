variable "targets" {
  description = "The bot StatefulSets the scaler manages, by target name: for each, its namespace, StatefulSet, container, the two env var names it writes and its shard cap. Each namespace gets a Role, a RoleBinding and the params ConfigMap naming its StatefulSets."
  type = map(object({
    namespace          = string
    statefulset        = string
    container          = string
    shards_env         = string
    shards_per_bot_env = string
    max_shards         = number
  }))

  validation {
    condition     = length(var.targets) >= 1
    error_message = "targets must name at least one StatefulSet."
  }

  validation {
    condition = alltrue([for t in values(var.targets) :
      can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", t.namespace))
      && can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", t.statefulset))
    && can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", t.container))])
    error_message = "Every target's namespace, statefulset and container must be DNS labels: lowercase letters, digits and '-', 1-63 characters."
  }

  validation {
    condition = alltrue([for t in values(var.targets) :
      can(regex("^[A-Za-z_][A-Za-z0-9_]*$", t.shards_env))
      && can(regex("^[A-Za-z_][A-Za-z0-9_]*$", t.shards_per_bot_env))
    && t.shards_env != t.shards_per_bot_env])
    error_message = "Every target's shards_env and shards_per_bot_env must be two different environment variable names."
  }

  validation {
    condition     = alltrue([for t in values(var.targets) : t.max_shards >= 1 && t.max_shards <= 100000 && floor(t.max_shards) == t.max_shards])
    error_message = "Every target's max_shards must be a whole number from 1 to 100000."
  }

  validation {
    condition     = length(distinct([for t in values(var.targets) : "${t.namespace}/${t.statefulset}"])) == length(var.targets)
    error_message = "Two targets name the same StatefulSet: each StatefulSet has one target."
  }
}

variable "notification_namespace" {
  description = "Namespace of the ConfigMap shardscaler-notifications, the notifier's memory (the scaler may get and patch it there). Null: no notifications, no ConfigMap, no right on it."
  type        = string
  default     = null

  validation {
    condition     = var.notification_namespace == null || can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.notification_namespace))
    error_message = "notification_namespace must be null or a DNS label."
  }
}

variable "role_name" {
  description = "Name of the Role and RoleBinding (in every namespace)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", var.role_name))
    error_message = "role_name must be a DNS subdomain name (lowercase letters, digits, '-' and '.')."
  }
}

variable "subject_kind" {
  description = "How the scaler's identity appears to Kubernetes: Group (EKS access entry) or User (GKE: the Google service account's email)."
  type        = string

  validation {
    condition     = contains(["Group", "User"], var.subject_kind)
    error_message = "subject_kind must be \"Group\" or \"User\"."
  }
}

variable "subject_name" {
  description = "The group or user name the RoleBinding binds and the admission policy confines."
  type        = string

  validation {
    condition     = length(trimspace(var.subject_name)) > 0 && !strcontains(var.subject_name, ",") && !startswith(var.subject_name, "system:")
    error_message = "subject_name must be non-empty, without ',' and not a system: name."
  }
}

variable "strategy" {
  description = "How a reshard reaches the bot (SCALER_STRATEGY): rolling, or bluegreen, which adds the rights on the sibling set <statefulset>-b and the switch ConfigMap <statefulset>-switch and the admission policies that confine them (docs/BLUEGREEN.md)."
  type        = string
  default     = "rolling"

  validation {
    condition     = contains(["rolling", "bluegreen"], var.strategy)
    error_message = "strategy must be \"rolling\" or \"bluegreen\"."
  }
}

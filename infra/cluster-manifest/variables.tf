variable "namespace" {
  description = "Namespace of the bot StatefulSet; the Role, RoleBinding and params ConfigMap live here."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "namespace must be a DNS label: lowercase letters, digits and '-', 1-63 characters."
  }
}

variable "statefulset_name" {
  description = "The bot StatefulSet: the one name the Role grants get/patch on and the policy's target."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.statefulset_name))
    error_message = "statefulset_name must be a DNS label: lowercase letters, digits and '-', 1-63 characters."
  }
}

variable "container_name" {
  description = "The bot container whose env the scaler writes."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.container_name))
    error_message = "container_name must be a DNS label: lowercase letters, digits and '-', 1-63 characters."
  }
}

variable "shards_env_name" {
  description = "Env var the scaler writes the shard total into."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.shards_env_name))
    error_message = "shards_env_name must be an environment variable name: letters, digits and '_', not starting with a digit."
  }
}

variable "shards_per_bot_env_name" {
  description = "Env var the scaler writes the shards per pod into."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_][A-Za-z0-9_]*$", var.shards_per_bot_env_name))
    error_message = "shards_per_bot_env_name must be an environment variable name: letters, digits and '_', not starting with a digit."
  }
}

variable "max_shards" {
  description = "The shard cap, enforced by the admission policy as well."
  type        = number

  validation {
    condition     = var.max_shards >= 1 && var.max_shards <= 100000 && floor(var.max_shards) == var.max_shards
    error_message = "max_shards must be a whole number from 1 to 100000."
  }
}

variable "role_name" {
  description = "Name of the Role and RoleBinding."
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

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

# Read at plan time for the access entry; with cluster_endpoint_in_environment its endpoint and
# CA also go to the function as env, so it never calls DescribeCluster at run time.
data "aws_eks_cluster" "this" {
  name = var.eks_cluster_name
}

locals {
  vpc_enabled = length(var.subnet_ids) > 0

  # The function finds the cluster from EKS_CLUSTER_NAME through DescribeCluster only when the
  # endpoint and CA are not in its environment; only then does its role get that permission.
  cluster_environment = var.cluster_endpoint_in_environment ? {
    EKS_CLUSTER_NAME     = data.aws_eks_cluster.this.name
    EKS_CLUSTER_ENDPOINT = data.aws_eks_cluster.this.endpoint
    EKS_CLUSTER_CA       = data.aws_eks_cluster.this.certificate_authority[0].data
    } : {
    EKS_CLUSTER_NAME = data.aws_eks_cluster.this.name
  }

  # One bot (statefulset_name, bot_token_secret_arn), or several (targets).
  several = length(var.targets) > 0

  # The targets document (README, "Several bots from one scaler"), compact: it goes into the
  # environment, which Lambda caps at 4 KB. It names each token's secret, never a token.
  targets_document = jsonencode({
    targets = [for name in sort(keys(var.targets)) : merge(
      {
        name        = name
        statefulSet = var.targets[name].statefulset
        token       = { awsSecret = var.targets[name].bot_token_secret_arn }
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

  bot_token_secret_arns = local.several ? distinct([for t in values(var.targets) : t.bot_token_secret_arn]) : compact([var.bot_token_secret_arn])

  # The webhook URLs are secrets too: the function reads them from Secrets Manager.
  webhook_secret_arns = compact([var.discord_webhook_secret_arn, var.webhook_secret_arn])

  notification_environment = merge(
    var.discord_webhook_secret_arn == null ? {} : { SCALER_NOTIFY_DISCORD_WEBHOOK_SECRET_ID = var.discord_webhook_secret_arn },
    var.webhook_secret_arn == null ? {} : { SCALER_NOTIFY_WEBHOOK_SECRET_ID = var.webhook_secret_arn },
    length(local.webhook_secret_arns) == 0 ? {} : { SCALER_NOTIFY_STATE_NAMESPACE = local.notification_namespace },
  )
  notification_namespace = coalesce(var.notification_namespace, var.kubernetes_namespace)

  # Module-managed keys win; variables.tf refuses extra keys that would collide with them, and
  # any that look like a secret (they would be readable in the state, the plan and
  # GetFunctionConfiguration). No override token: on AWS, IAM decides who may invoke at all.
  environment = merge(
    var.extra_environment,
    local.cluster_environment,
    local.notification_environment,
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
    },
    local.several ? { SCALER_TARGETS = local.targets_document } : {
      K8S_STATEFULSET                = coalesce(var.statefulset_name, "unset")
      BOT_TOKEN_SECRET_ID            = coalesce(var.bot_token_secret_arn, "unset")
    },
  )

  # Lambda's limit on the whole environment: the keys and values together, at most 4 KB. Only the
  # count leaves the sensitive map (extra_environment is sensitive), so the plan can say it.
  environment_bytes = nonsensitive(sum([for k, v in local.environment : length(k) + length(v)]))

  # The schedule's ARN, known before the schedule exists: the scheduler role's trust names it.
  schedule_arn = "arn:${data.aws_partition.current.partition}:scheduler:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:schedule/${var.function_name}/${var.function_name}"
}

# ---------------------------------------------------------------------------------------------
# Logs: created before the function, so Lambda never creates it (and the role needs no
# logs:CreateLogGroup).
# ---------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.function_name}"
  retention_in_days = var.log_retention_in_days
}

# ---------------------------------------------------------------------------------------------
# Failed asynchronous passes (the schedule's) land here with their request and error, for 14
# days: the on-failure destination of the live alias.
# ---------------------------------------------------------------------------------------------

resource "aws_sqs_queue" "failed_passes" {
  name                      = "${var.function_name}-failed-passes"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

# ---------------------------------------------------------------------------------------------
# The function's execution role: logs to its own group, the one secret, the failure queue, and
# DescribeCluster on the one cluster only when the endpoint is not in its environment.
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "${var.function_name}-lambda"
  description        = "Execution role of the ${var.function_name} Lambda (shardscaler)."
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

data "aws_iam_policy_document" "lambda" {
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  statement {
    sid       = "ReadBotTokens"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat(local.bot_token_secret_arns, local.webhook_secret_arns)
  }

  # The code falls back to DescribeCluster only when EKS_CLUSTER_ENDPOINT/CA are absent.
  dynamic "statement" {
    for_each = var.cluster_endpoint_in_environment ? [] : [data.aws_eks_cluster.this.arn]

    content {
      sid       = "DescribeOwnCluster"
      actions   = ["eks:DescribeCluster"]
      resources = [statement.value]
    }
  }

  statement {
    sid       = "RecordFailedPasses"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.failed_passes.arn]
  }

  # Only with a customer managed key on the secret, and only through Secrets Manager.
  dynamic "statement" {
    for_each = var.bot_token_kms_key_arn == null ? [] : [var.bot_token_kms_key_arn]

    content {
      sid       = "DecryptBotTokenViaSecretsManager"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${split(":", local.bot_token_secret_arns[0])[3]}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "lambda" {
  name   = "shardscaler"
  role   = aws_iam_role.lambda.id
  policy = data.aws_iam_policy_document.lambda.json
}

# ENI management for a function in a VPC (private endpoint / NAT egress) only.
resource "aws_iam_role_policy_attachment" "lambda_vpc" {
  count = local.vpc_enabled ? 1 : 0

  role       = aws_iam_role.lambda.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# ---------------------------------------------------------------------------------------------
# The function, its published version and the "live" alias everything invokes.
# ---------------------------------------------------------------------------------------------

resource "aws_lambda_function" "this" {
  function_name    = var.function_name
  description      = local.several ? "shardscaler: scales ${length(var.targets)} bots' StatefulSets to Discord's recommended shard counts." : "shardscaler: scales the ${var.kubernetes_namespace}/${coalesce(var.statefulset_name, "unset")} StatefulSet to Discord's recommended shard count."
  role             = aws_iam_role.lambda.arn
  runtime          = var.lambda_runtime
  handler          = var.handler
  filename         = var.lambda_jar_path
  source_code_hash = filebase64sha256(var.lambda_jar_path)
  architectures    = [var.architecture]
  memory_size      = var.memory_size
  timeout          = var.timeout

  reserved_concurrent_executions = var.reserved_concurrent_executions

  # SnapStart snapshots published versions; the alias below always points at the newest one.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  environment {
    variables = local.environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  dynamic "vpc_config" {
    for_each = local.vpc_enabled ? [1] : []

    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  # Lambda checks the role's permissions when the function is created (ENIs in a VPC).
  depends_on = [
    aws_iam_role_policy.lambda,
    aws_iam_role_policy_attachment.lambda_vpc,
  ]

  lifecycle {
    precondition {
      condition     = local.several != (var.statefulset_name != null || var.bot_token_secret_arn != null)
      error_message = "Set either statefulset_name and bot_token_secret_arn (one bot) or targets (several bots), not both and not neither."
    }
    precondition {
      condition     = local.several || (var.statefulset_name != null && var.bot_token_secret_arn != null)
      error_message = "One bot needs both statefulset_name and bot_token_secret_arn."
    }
    precondition {
      condition     = local.environment_bytes <= 4096
      error_message = "The function's environment would be ${local.environment_bytes} bytes, over Lambda's 4 KB: fewer targets or shorter settings per scaler, or cluster_endpoint_in_environment = false (saves the ~1.5 KB CA)."
    }
    precondition {
      condition     = !local.vpc_enabled || length(var.security_group_ids) > 0
      error_message = "subnet_ids is set, so security_group_ids must name at least one security group."
    }
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  description      = "The published version the scheduler and the function URL invoke."
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# The scheduler invokes asynchronously; Lambda would otherwise retry a failed pass twice on its
# own. The next tick is the retry; a failed (or expired) pass is kept in the failure queue.
resource "aws_lambda_function_event_invoke_config" "live" {
  function_name                = aws_lambda_function.this.function_name
  qualifier                    = aws_lambda_alias.live.name
  maximum_retry_attempts       = var.async_max_retry_attempts
  maximum_event_age_in_seconds = var.async_max_event_age_in_seconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.failed_passes.arn
    }
  }

  depends_on = [aws_iam_role_policy.lambda]
}

# ---------------------------------------------------------------------------------------------
# Cluster access: an EKS access entry puts the role in one Kubernetes group, and a namespaced
# Role (rbac.yaml.tftpl, applied with kubectl) gives that group what the scaler needs. No
# access policy association: those only scope to a whole cluster or whole namespaces.
# ---------------------------------------------------------------------------------------------

resource "aws_eks_access_entry" "this" {
  cluster_name      = data.aws_eks_cluster.this.name
  principal_arn     = aws_iam_role.lambda.arn
  type              = "STANDARD"
  kubernetes_groups = [var.kubernetes_group]

  lifecycle {
    precondition {
      condition     = try(data.aws_eks_cluster.this.access_config[0].authentication_mode, "unknown") != "CONFIG_MAP"
      error_message = "The cluster's authentication mode is CONFIG_MAP, which ignores access entries. Switch it to API_AND_CONFIG_MAP (or API): aws eks update-cluster-config --name <cluster> --access-config authenticationMode=API_AND_CONFIG_MAP"
    }
  }
}

# ---------------------------------------------------------------------------------------------
# EventBridge Scheduler: invokes the live alias with a ScaleRequest JSON, through a role that
# may invoke that alias only.
# ---------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "scheduler_trust" {
  statement {
    sid     = "SchedulerAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    # Only this account's schedule of this name may use the role (confused-deputy guard).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [local.schedule_arn]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.function_name}-scheduler"
  description        = "Lets EventBridge Scheduler invoke the ${var.function_name}:live alias."
  assume_role_policy = data.aws_iam_policy_document.scheduler_trust.json
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeLiveAlias"
    actions   = ["lambda:InvokeFunction"]
    resources = [aws_lambda_alias.live.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "invoke-shardscaler"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}

# A group of its own, so that the group's CloudWatch metrics are this schedule's alone.
resource "aws_scheduler_schedule_group" "this" {
  name = var.function_name
}

resource "aws_scheduler_schedule" "this" {
  name                         = var.function_name
  group_name                   = aws_scheduler_schedule_group.this.name
  description                  = "Runs one shardscaler pass."
  state                        = var.schedule_enabled ? "ENABLED" : "DISABLED"
  schedule_expression          = var.schedule_expression
  schedule_expression_timezone = var.schedule_timezone

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live.arn
    role_arn = aws_iam_role.scheduler.arn
    input    = jsonencode(var.schedule_input)

    retry_policy {
      maximum_retry_attempts       = var.schedule_max_retry_attempts
      maximum_event_age_in_seconds = var.schedule_max_event_age_in_seconds
    }
  }

  # The role's permission must exist before the first tick.
  depends_on = [aws_iam_role_policy.scheduler]
}

# ---------------------------------------------------------------------------------------------
# Optional function URL for ad-hoc calls, IAM-authenticated only.
# ---------------------------------------------------------------------------------------------

# Whoever IAM lets invoke the alias may run a pass with overrides: the handler refuses
# overrides on a function URL that is not AWS_IAM-authenticated and takes no shared token.
resource "aws_lambda_function_url" "live" {
  count = var.enable_function_url ? 1 : 0

  function_name      = aws_lambda_function.this.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = "AWS_IAM"
}

# ---------------------------------------------------------------------------------------------
# Alarms: a failed pass (function error on the live alias), a dropped asynchronous event, and the
# schedule's failed or dropped invocations. They notify alarm_topic_arn when it is set; without
# it they are still visible in CloudWatch.
# ---------------------------------------------------------------------------------------------

locals {
  alarm_actions = var.alarm_topic_arn == null ? [] : [var.alarm_topic_arn]

  alarms = {
    function-errors = {
      description = "A shardscaler pass failed (FAILED result or error). Its request and error are in the ${aws_sqs_queue.failed_passes.name} queue and the log group."
      namespace   = "AWS/Lambda"
      metric      = "Errors"
      dimensions  = { FunctionName = var.function_name, Resource = "${var.function_name}:${aws_lambda_alias.live.name}" }
    }
    async-events-dropped = {
      description = "Lambda dropped a scheduled shardscaler pass before running it (event too old, or throttled)."
      namespace   = "AWS/Lambda"
      metric      = "AsyncEventsDropped"
      dimensions  = { FunctionName = var.function_name }
    }
    schedule-target-errors = {
      description = "EventBridge Scheduler could not invoke the shardscaler function."
      namespace   = "AWS/Scheduler"
      metric      = "TargetErrorCount"
      dimensions  = { ScheduleGroup = aws_scheduler_schedule_group.this.name }
    }
    schedule-invocations-dropped = {
      description = "EventBridge Scheduler dropped a shardscaler tick after its retries."
      namespace   = "AWS/Scheduler"
      metric      = "InvocationDroppedCount"
      dimensions  = { ScheduleGroup = aws_scheduler_schedule_group.this.name }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.function_name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = 600
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# ---------------------------------------------------------------------------------------------
# The cluster side, rendered for kubectl (no Kubernetes provider here): the namespaced Role and
# RoleBinding for the access entry's group, the params ConfigMap, and the admission policies that
# confine that group's writes (../k8s/admission, Kubernetes >= 1.30).
# ---------------------------------------------------------------------------------------------

module "cluster_manifest" {
  source = "../cluster-manifest"

  targets                = local.cluster_targets
  strategy               = var.scaler_strategy
  notification_namespace = length(local.webhook_secret_arns) == 0 ? null : local.notification_namespace
  role_name              = var.rbac_role_name
  subject_kind           = "Group"
  subject_name           = var.kubernetes_group
}

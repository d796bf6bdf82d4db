output "function_name" {
  description = "Name of the Lambda function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the Lambda function."
  value       = aws_lambda_function.this.arn
}

output "function_version" {
  description = "The version published by the last apply (the one the live alias points at)."
  value       = aws_lambda_function.this.version
}

output "alias_arn" {
  description = "ARN of the live alias: what the schedule and the function URL invoke, and what to pass to aws lambda invoke."
  value       = aws_lambda_alias.live.arn
}

output "role_arn" {
  description = "ARN of the function's execution role (the principal of the EKS access entry)."
  value       = aws_iam_role.lambda.arn
}

output "scheduler_role_arn" {
  description = "ARN of the role EventBridge Scheduler uses to invoke the alias."
  value       = aws_iam_role.scheduler.arn
}

output "schedule_arn" {
  description = "ARN of the EventBridge Scheduler schedule."
  value       = aws_scheduler_schedule.this.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the function."
  value       = aws_cloudwatch_log_group.this.name
}

output "function_url" {
  description = "Function URL (AWS_IAM auth) of the live alias, or null when enable_function_url is false."
  value       = var.enable_function_url ? aws_lambda_function_url.live[0].function_url : null
}

output "failure_queue_url" {
  description = "SQS queue holding failed or expired scheduled passes (request and error), 14 days."
  value       = aws_sqs_queue.failed_passes.url
}

output "alarm_names" {
  description = "The CloudWatch alarms: function errors, dropped async events, the schedule's target errors and dropped invocations."
  value       = [for alarm in aws_cloudwatch_metric_alarm.this : alarm.alarm_name]
}

output "rbac_manifest" {
  description = "For the bot namespace: Role, RoleBinding, the params ConfigMap and the admission policies that confine the scaler (Kubernetes >= 1.30). Apply with: terraform output -raw rbac_manifest | kubectl apply -f -"
  value       = module.cluster_manifest.manifest
}

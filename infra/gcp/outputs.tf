output "function_name" {
  description = "Name of the function."
  value       = google_cloudfunctions2_function.this.name
}

output "function_uri" {
  description = "URI of the function's Cloud Run service (run.app): what the scheduler calls and the OIDC audience."
  value       = google_cloudfunctions2_function.this.service_config[0].uri
}

output "function_url" {
  description = "The function's cloudfunctions.net URL (same function, other host name)."
  value       = google_cloudfunctions2_function.this.url
}

output "cloud_run_service" {
  description = "Full name of the function's underlying Cloud Run service (the resource run.invoker is granted on)."
  value       = google_cloudfunctions2_function.this.service_config[0].service
}

output "function_service_account_email" {
  description = "The function's service account: the RBAC subject (kind User) in the cluster."
  value       = google_service_account.function.email
}

output "scheduler_service_account_email" {
  description = "The account Cloud Scheduler signs its OIDC token as; the only run.invoker on the service."
  value       = google_service_account.scheduler.email
}

output "scheduler_job_id" {
  description = "ID of the Cloud Scheduler job (projects/<p>/locations/<r>/jobs/<name>)."
  value       = google_cloud_scheduler_job.this.id
}

output "source_bucket" {
  description = "Bucket holding the deployed source zips."
  value       = google_storage_bucket.source.name
}

output "build_service_account_email" {
  description = "The account Cloud Build builds the function as."
  value       = local.build_service_mail
}

output "rbac_manifest" {
  description = "For the bot namespace: Role, RoleBinding, the params ConfigMap and the admission policies that confine the scaler (Kubernetes >= 1.30). Apply with: terraform output -raw rbac_manifest | kubectl apply -f -"
  value       = module.cluster_manifest.manifest
}

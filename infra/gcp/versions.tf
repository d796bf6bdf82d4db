terraform {
  required_version = ">= 1.5"

  required_providers {
    # 7.x is the current major line of hashicorp/google. Everything used here also exists in
    # 6.x, except that 6.x still lets service_config.service be set (we only read it).
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # java25 (var.lambda_runtime) needs >= 6.20 at plan time; 5.100 is what the offline
      # checks validate against (infra/aws/check.sh).
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = var.tags
  }
}

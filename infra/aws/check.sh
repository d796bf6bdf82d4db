#!/usr/bin/env bash
# Offline check of this Terraform module: init (from the provider mirror), validate, fmt -check.
#
#   infra/aws/check.sh
#
# Exit 0: all three passed, or no provider mirror exists (prints "skipped: ...").
# Non-zero: any step failed, or terraform is missing.
#
# Nothing is written into the repository: init and validate run on a copy of the module in a
# temporary directory (so neither .terraform/ nor .terraform.lock.hcl lands here), with
# TF_DATA_DIR and the CLI config in that directory too.
set -euo pipefail

mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ ! -d "$mirror" ]]; then
  echo "skipped: no provider mirror at $mirror"
  exit 0
fi

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/shardscaler-tf-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC

# The module's own files and what it reads from its siblings (the shared cluster manifest, the
# admission and blue/green policies), in the same layout: no state, no .terraform/, no tfvars.
infra_dir="$(dirname "$module_dir")"
for dir in aws cluster-manifest k8s/admission k8s/bluegreen; do
  mkdir -p "$work/infra/$dir"
  find "$infra_dir/$dir" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.tftpl' -o -name '*.yaml' \) \
    -exec cp {} "$work/infra/$dir/" \;
done

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_DATA_DIR="$work/data"
export TF_IN_AUTOMATION=1
export TF_INPUT=0
export CHECKPOINT_DISABLE=1

echo "==> terraform init -backend=false (provider mirror: $mirror)"
terraform -chdir="$work/infra/aws" init -backend=false -input=false -no-color

echo "==> terraform validate"
terraform -chdir="$work/infra/aws" validate -no-color

echo "==> terraform fmt -check -recursive"
if ! terraform fmt -check -recursive -diff -no-color "$module_dir" "$infra_dir/cluster-manifest"; then
  echo "error: files above need 'terraform fmt' (run: terraform fmt -recursive infra/aws infra/cluster-manifest)" >&2
  exit 1
fi

echo "ok: infra/aws passed init, validate and fmt"

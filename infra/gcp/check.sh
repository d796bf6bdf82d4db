#!/usr/bin/env bash
# Offline check of this Terraform module.
#
#   infra/gcp/check.sh
#
# Always: terraform fmt -check, and a plan of variables.tf alone with terraform.tfvars.example
# (no provider needed: it runs every variable validation). Only when the provider mirror holds
# hashicorp/google:
# terraform init -backend=false + validate, on a copy of the module in a temporary directory
# (nothing is written into the repository). Without the google provider in the mirror, validate
# is reported as skipped: the checked-in configuration has then only been format-checked.
#
# Exit 0: everything that could run passed. Non-zero: a step failed, or terraform is missing.
set -euo pipefail

mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v terraform >/dev/null 2>&1; then
  echo "error: terraform is not on PATH" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/shardscaler-tf-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# An empty CLI config: no warning about a missing ~/.terraformrc, no network for fmt.
: >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export TF_INPUT=0
export CHECKPOINT_DISABLE=1

echo "==> terraform fmt -check -recursive"
if ! terraform fmt -check -recursive -diff -no-color "$module_dir" "$(dirname "$module_dir")/cluster-manifest"; then
  echo "error: files above need 'terraform fmt' (run: terraform fmt -recursive infra/gcp infra/cluster-manifest)" >&2
  exit 1
fi

# variables.tf needs no provider: planning it alone with the example's values evaluates every
# variable validation (regexes, cross-field conditions) offline.
echo "==> variable validations against terraform.tfvars.example"
mkdir "$work/variables"
cp "$module_dir/variables.tf" "$work/variables/"
cp "$module_dir/terraform.tfvars.example" "$work/variables/example.tfvars"
TF_DATA_DIR="$work/variables-data" terraform -chdir="$work/variables" init -backend=false -input=false -no-color >/dev/null
TF_DATA_DIR="$work/variables-data" terraform -chdir="$work/variables" plan -input=false -no-color \
  -var-file=example.tfvars >/dev/null

if [[ ! -d "$mirror/registry.terraform.io/hashicorp/google" ]]; then
  echo "validate skipped: no hashicorp/google in a provider mirror at $mirror"
  echo "ok: infra/gcp passed fmt and the variable validations"
  exit 0
fi

cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/google"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/google"]
  }
}
RC
export TF_DATA_DIR="$work/data"
# The module and what it reads from its siblings, in the same layout.
infra_dir="$(dirname "$module_dir")"
for dir in gcp cluster-manifest k8s/admission k8s/bluegreen; do
  mkdir -p "$work/infra/$dir"
  find "$infra_dir/$dir" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.tftpl' -o -name '*.yaml' \) \
    -exec cp {} "$work/infra/$dir/" \;
done

echo "==> terraform init -backend=false (provider mirror: $mirror)"
terraform -chdir="$work/infra/gcp" init -backend=false -input=false -no-color

echo "==> terraform validate"
terraform -chdir="$work/infra/gcp" validate -no-color

echo "ok: infra/gcp passed fmt, init and validate"

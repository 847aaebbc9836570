#!/usr/bin/env bash
# Installs the Debian 12 packages Stepwise needs to build, test and run (only the missing ones).
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 qt6-qpa-plugins
    nlohmann-json3-dev libgraphviz-dev libyaml-cpp-dev
    clang libclang-rt-14-dev clang-format clang-tidy
    xvfb xauth fonts-dejavu-core imagemagick python3
    qt6-httpserver-dev qt6-websockets-dev libsqlite3-dev
    awscli python3-boto3
    # AWS's service models: serve's TestState checks mocked results against them.
    python3-botocore
)

# The endpoint's client tests need npm (for @aws-sdk/client-sfn); a machine whose Node.js
# came from elsewhere already has it, and Debian's npm would conflict with that Node.js.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

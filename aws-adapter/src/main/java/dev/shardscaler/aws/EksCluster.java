package dev.shardscaler.aws;

/**
 * Where the cluster's API server is and which CA signs its certificate.
 *
 * @param endpoint the API server URL, without a trailing slash
 * @param certificateAuthority the CA as EKS gives it (base64 of the PEM), or null for a plain-http
 *     loopback endpoint
 */
record EksCluster(String name, String endpoint, String certificateAuthority) {

  /** The CA as PEM bytes for the Kubernetes client; null when there is none. */
  byte[] certificateAuthorityPem() {
    if (certificateAuthority == null) {
      return null;
    }
    byte[] pem = AwsSettings.decodeCertificateAuthority(certificateAuthority);
    if (pem == null) {
      throw new AwsSetupException(
          "the certificate authority of EKS cluster \""
              + name
              + "\" is not a base64 PEM certificate");
    }
    return pem;
  }

  @Override
  public String toString() {
    return "EksCluster[" + name + " at " + endpoint + "]";
  }
}

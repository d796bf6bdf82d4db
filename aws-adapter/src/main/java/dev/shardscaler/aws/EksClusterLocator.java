package dev.shardscaler.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * The cluster's endpoint and CA: from {@code EKS_CLUSTER_ENDPOINT}/{@code EKS_CLUSTER_CA} (what
 * infra/aws passes, so a function in a private subnet needs no EKS API), otherwise from one {@code
 * eks:DescribeCluster} per instance. Values from the environment win over DescribeCluster's.
 */
final class EksClusterLocator {
  private final AwsSettings settings;
  private final Supplier<EksClient> clients;
  private EksCluster cluster;

  EksClusterLocator(AwsSettings settings, Supplier<EksClient> clients) {
    this.settings = settings;
    this.clients = clients;
  }

  synchronized EksCluster locate() {
    if (cluster == null) {
      cluster = settings.needsDescribeCluster() ? describe() : fromEnvironment();
    }
    return cluster;
  }

  private EksCluster fromEnvironment() {
    return new EksCluster(settings.clusterName(), settings.clusterEndpoint(), settings.clusterCa());
  }

  private EksCluster describe() {
    String name = settings.clusterName();
    Cluster described;
    try (EksClient eks = clients.get()) {
      described = eks.describeCluster(request -> request.name(name)).cluster();
    } catch (ResourceNotFoundException e) {
      throw new AwsSetupException(
          "EKS_CLUSTER_NAME: no EKS cluster \"" + name + "\" in " + settings.region(), e);
    } catch (SdkException e) {
      throw new AwsSetupException(
          "EKS_CLUSTER_NAME: eks:DescribeCluster on \"" + name + "\" failed: " + e.getMessage(), e);
    }
    String endpoint = settings.clusterEndpoint();
    if (endpoint == null) {
      endpoint = described.endpoint();
      if (endpoint == null || endpoint.isBlank()) {
        throw new AwsSetupException(
            "EKS_CLUSTER_NAME: cluster \""
                + name
                + "\" has no endpoint yet (status "
                + described.statusAsString()
                + ")");
      }
      endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
    String ca = settings.clusterCa();
    if (ca == null) {
      ca =
          described.certificateAuthority() == null ? null : described.certificateAuthority().data();
      if (ca == null || ca.isBlank()) {
        throw new AwsSetupException(
            "EKS_CLUSTER_NAME: DescribeCluster of \""
                + name
                + "\" returned no certificate authority");
      }
    }
    return new EksCluster(name, endpoint, ca);
  }
}

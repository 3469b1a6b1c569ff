package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Regulatory regimes, sensitive fields and the tenancy model. */
public record Compliance(List<Regime> regimes, List<String> sensitiveFields, Tenancy multiTenancy) {

  public enum Regime {
    GDPR,
    HIPAA,
    @JsonProperty("PCI-DSS")
    @JsonAlias({"PCI_DSS", "PCI"})
    PCI_DSS,
    @JsonProperty("SOC2")
    @JsonAlias({"SOC_2", "SOC 2"})
    SOC2
  }

  public enum Tenancy {
    SINGLE_TENANT,
    SHARED_SCHEMA,
    SCHEMA_PER_TENANT,
    DATABASE_PER_TENANT
  }
}

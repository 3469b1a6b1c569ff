package dev.dbarch.contracts.requirements;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Regulatory regimes, sensitive fields and the tenancy model. */
public record Compliance(
    List<@NotNull Regime> regimes,
    List<@NotBlank @Size(max = 200) String> sensitiveFields,
    Tenancy multiTenancy) {

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

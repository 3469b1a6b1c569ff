package dev.dbarch.workload.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySettingTest {

  @Test
  void unitsAreMultiplesOf1024AndCaseSensitiveAsPostgresReadsThem() {
    assertThat(MemorySetting.WORK_MEM.bytes("4MB")).hasValue(4L << 20);
    assertThat(MemorySetting.WORK_MEM.bytes("64kB")).hasValue(64L << 10);
    assertThat(MemorySetting.SHARED_BUFFERS.bytes("1GB")).hasValue(1L << 30);
    assertThat(MemorySetting.SHARED_BUFFERS.bytes("2 TB")).hasValue(2L << 40);
    assertThat(MemorySetting.WORK_MEM.bytes("4mb")).isEmpty();
    assertThat(MemorySetting.WORK_MEM.bytes("4KB")).isEmpty();
    assertThat(MemorySetting.WORK_MEM.bytes("lots")).isEmpty();
    assertThat(MemorySetting.WORK_MEM.bytes(null)).isEmpty();
  }

  @Test
  void aBareNumberCountsTheSettingsBaseUnit() {
    assertThat(MemorySetting.WORK_MEM.bytes("4096")).hasValue(4L << 20);
    assertThat(MemorySetting.SHARED_BUFFERS.bytes("16384")).hasValue(128L << 20);
    assertThat(MemorySetting.EFFECTIVE_CACHE_SIZE.bytes("524288")).hasValue(4L << 30);
  }

  @Test
  void fractionsRoundToTheNearestBaseUnit() {
    assertThat(MemorySetting.WORK_MEM.bytes("1.5MB")).hasValue(1536L << 10);
    assertThat(MemorySetting.SHARED_BUFFERS.bytes("0.5GB")).hasValue(512L << 20);
    assertThat(MemorySetting.WORK_MEM.bytes("1000B")).hasValue(1024L);
  }

  @Test
  void formatsTheWayShowPrints() {
    assertThat(MemorySetting.format(4L << 20)).isEqualTo("4MB");
    assertThat(MemorySetting.format(1536L << 10)).isEqualTo("1536kB");
    assertThat(MemorySetting.format(2L << 30)).isEqualTo("2GB");
    assertThat(MemorySetting.format(100)).isEqualTo("100B");
    assertThat(MemorySetting.human(1536L << 10)).isEqualTo("1.5 MB");
  }
}

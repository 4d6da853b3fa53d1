using Wnn.Search;

namespace Wnn.Search.Tests;

public sealed class InMemoryStudyStorageTests : StudyStorageContract
{
    protected override IStudyStorage CreateStorage(TimeProvider clock) => new InMemoryStudyStorage(clock);
}

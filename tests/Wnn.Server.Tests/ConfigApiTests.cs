using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wnn.Server.Tests;

/// <summary><c>GET /api/config/schema</c> serves the key table, and flow configs are checked against it.</summary>
public sealed class ConfigApiTests : IAsyncLifetime
{
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(withExecutor: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_schema_is_served_and_matches_the_key_table()
    {
        JsonElement body = await _server.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/config/schema", UriKind.Relative));
        JsonElement[] keys = [.. body.GetProperty("keys").EnumerateArray()];

        Assert.Equal(ConfigSchema.Keys.Select(k => k.Name), keys.Select(k => k.GetProperty("name").GetString()));
        for (int i = 0; i < keys.Length; i++)
        {
            ConfigKeyDefinition expected = ConfigSchema.Keys[i];
            JsonElement k = keys[i];
            Assert.Equal(expected.Default is null ? "null" : JsonSerializer.Serialize(expected.Default), k.GetProperty("default").GetRawText());
            Assert.Equal(expected.Aliases, k.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(expected.Allowed, k.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(expected.Doc, k.GetProperty("doc").GetString());
            Assert.Equal(expected.Group, k.GetProperty("group").GetString());
            Assert.Equal(expected.Flag, k.GetProperty("flag").GetString());
            Assert.Equal(expected.Resume == ResumeRule.Safe ? "safe" : "identity", k.GetProperty("resume").GetString());
            Assert.Equal(expected.RangeText, k.GetProperty("range_text").GetString());
            Assert.Equal(expected.DefaultText, k.GetProperty("default_text").GetString());
        }

        JsonElement ga = keys.Single(k => k.GetProperty("name").GetString() == "ga.generations");
        Assert.Equal((100, 0.0, 1_000_000.0, "integer", "--ga-gens"), (ga.GetProperty("default").GetInt32(), ga.GetProperty("minimum").GetDouble(),
            ga.GetProperty("maximum").GetDouble(), ga.GetProperty("kind").GetString(), ga.GetProperty("flag").GetString()));
        JsonElement seed = keys.Single(k => k.GetProperty("name").GetString() == "run.seed");
        Assert.Equal((42UL, "unsigned_integer", "[\"seed\",\"rotation_seed\"]"),
            (seed.GetProperty("default").GetUInt64(), seed.GetProperty("kind").GetString(), seed.GetProperty("aliases").GetRawText()));
        Assert.Equal(ConfigSchema.Groups.Select(g => g.Name), body.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()));

        JsonElement viaClient = await _server.Client.GetConfigSchemaAsync(CancellationToken.None);
        Assert.Equal(body.GetRawText(), viaClient.GetRawText());
    }

    [Theory]
    [InlineData("""{"ga":{"generations":-1}}""", "config.ga.generations", "-1 is out of range; allowed 0..1000000")]
    [InlineData("""{"ga.generations":2000000}""", "config.ga.generations", "2000000 is out of range; allowed 0..1000000")]
    [InlineData("""{"data.tokenizer":"bpe"}""", "config.data.tokenizer", "'bpe' is not allowed; expected one of gpt2, word, char")]
    [InlineData("""{"seed":-3}""", "config.seed", "'-3' is not a non-negative integer or null")]
    [InlineData("""{"run.threads":0}""", "config.run.threads", "0 is out of range; allowed >= 1 or null")]
    [InlineData("""{"fitness":{"percentile":1.5}}""", "config.fitness.percentile", "1.5 is out of range; allowed (0, 1] or null")]
    [InlineData("""{"ce_percentile":[0.5]}""", "config.ce_percentile", "[0.5] is not allowed; expected a number or null")]
    public async Task A_config_value_outside_the_schema_is_a_400_naming_the_key(string config, string field, string message)
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative),
            new StringContent($$"""{"name":"bad","config":{{config}}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(message, errors.GetProperty(field)[0].GetString());
        Assert.Empty(await _server.Store.ListFlowsAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Dotted_nested_and_flat_names_are_accepted_and_stored_as_given()
    {
        using HttpResponseMessage response = await _server.Http.PostAsync(new Uri("/api/flows", UriKind.Relative), new StringContent(
            """{"name":"ok","config":{"ga.generations":3,"ts":{"iterations":4},"population":5,"data.train_file":"/d/t.txt","phases":["1a"]}}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement config = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("config");
        Assert.Equal(3, config.GetProperty("ga.generations").GetInt32());
        Assert.Equal(4, config.GetProperty("ts").GetProperty("iterations").GetInt32());
        Assert.Equal(5, config.GetProperty("population").GetInt32());
    }
}

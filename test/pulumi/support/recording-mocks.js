'use strict';
/**
 * Pulumi's own test runtime (`pulumi.runtime.setMocks`), recording every resource registration as
 * the engine receives it: type, name, parent URN, provider reference, explicit dependencies,
 * inputs, and the outputs a component registers. Plain JavaScript taking the `@pulumi/pulumi` module as an argument, so that the jest
 * tests and an installed example program (through run-under-mocks.js) share one implementation.
 */

/**
 * Sets the mocks and returns the (growing) list of registrations.
 * The mock resource's state is its inputs, so outputs such as `metadata.name` resolve.
 */
function installRecordingMocks(pulumi, options) {
  const opts = options || {};
  const registrations = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    opts.project || 'project',
    opts.stack || 'stack',
    opts.preview === true,
  );
  const monitor = pulumi.runtime.getMonitor();
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const record = {
      type: request.getType(),
      name: request.getName(),
      custom: request.getCustom(),
      parent: request.getParent() || undefined,
      provider: request.getProvider() || undefined,
      dependencies: request.getDependenciesList(),
      inputs: pulumi.runtime.deserializeProperties(request.getObject()),
      customTimeouts: timeoutsOf(request.getCustomtimeouts()),
      urn: undefined,
      outputs: undefined,
    };
    registrations.push(record);
    registerResource(request, (error, response) => {
      if (response) record.urn = response.getUrn();
      callback(error, response);
    });
  };
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (request, callback) => {
    const record = registrations.find((r) => r.urn === request.getUrn());
    if (record) record.outputs = pulumi.runtime.deserializeProperties(request.getOutputs());
    registerResourceOutputs(request, callback);
  };
  return registrations;
}

/** The custom timeouts a registration carries, as the program gave them. */
function timeoutsOf(t) {
  if (!t || (!t.getCreate() && !t.getUpdate() && !t.getDelete())) return undefined;
  return { create: t.getCreate() || undefined, update: t.getUpdate() || undefined, delete: t.getDelete() || undefined };
}

/** Waits until every registration sent so far has been answered. */
function settled(pulumi) {
  return pulumi.runtime.waitForRPCs();
}

/** Resolves with the value of an output (the usual helper of Pulumi unit tests). */
function promiseOf(output) {
  return new Promise((resolve) => output.apply(resolve));
}

module.exports = { installRecordingMocks, promiseOf, settled };

// Lambda sets this in every on-demand execution environment; Powertools counts a cold start only when it is set.
process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
